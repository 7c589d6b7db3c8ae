import Foundation
import MibaraiTestSupport
import Testing

/// `scripts/install.sh` puts the program and its tables under a prefix, with `bin/mibarai` a
/// link: the installed program works from anywhere, and uninstalling leaves data alone. (The
/// release build it makes by default is the same layout; the test installs the debug build.)
@Suite("Install script")
struct InstallScriptTests {
    let dir = TemporaryDirectory("mibarai-install")

    func script(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), [ProjectPaths.root.appendingPathComponent("scripts/install.sh").path] + arguments)
    }

    @Test func theInstalledProgramFindsItsTablesAndUninstallKeepsTheData() throws {
        let prefix = dir.path("usr")
        let installed = try script(["--configuration", "debug", "--no-build", "--prefix", prefix])
        #expect(installed.status == 0, "\(installed.stderr)")
        let program = URL(fileURLWithPath: prefix + "/bin/mibarai")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: program.path) == "../lib/mibarai/mibarai")

        // Run through the link, from elsewhere: a node, a report, and a check that finds it.
        let data = dir.path("data")
        let env = ["MIBARAI_TODAY": Fixtures.today.description]
        #expect(try CommandRunner.run(program, ["init", "--data-dir", data, "--node-id", "shop-installed"], environment: env).status == 0)
        let c = Fixtures.canary
        let added = try CommandRunner.run(program, ["report", "add", "--data-dir", data, "--category", "non-payment", "--amount", "9800",
                                                    "--phone", c.phone!, "--incident-date", "2026-10-01"], environment: env)
        #expect(added.status == 0, "\(added.stderr)")
        let check = try CommandRunner.run(program, ["check", "--data-dir", data, "--phone", c.phone!, "--json"], environment: env)
        #expect(check.status == 0 && check.stdout.contains("\"matched\":true"), "\(check.stdout) \(check.stderr)")

        // Installing again replaces it in place; uninstalling removes the program, never the data.
        #expect(try script(["--configuration", "debug", "--no-build", "--prefix", prefix]).status == 0)
        let removed = try script(["--uninstall", "--prefix", prefix])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: prefix + "/lib/mibarai"))
        #expect(FileManager.default.fileExists(atPath: data + "/mibarai.sqlite"))
    }

    /// The systemd unit, pointed at an installed program, passes `systemd-analyze verify` with
    /// nothing to say: every key is one systemd knows and every value parses.
    @Test func theSystemdUnitVerifies() throws {
        let prefix = dir.path("usr")
        let installed = try script(["--configuration", "debug", "--no-build", "--prefix", prefix])
        #expect(installed.status == 0, "\(installed.stderr)")
        let shipped = try String(contentsOf: ProjectPaths.root.appendingPathComponent("deploy/mibarai.service"), encoding: .utf8)
        #expect(shipped.contains("ExecStart=/usr/local/bin/mibarai serve"))
        let unit = dir.path("mibarai.service")
        try shipped.replacingOccurrences(of: "/usr/local/bin/mibarai", with: prefix + "/bin/mibarai")
            .write(toFile: unit, atomically: true, encoding: .utf8)
        let verify = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/systemd-analyze"), ["verify", unit])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.isEmpty && verify.stdout.isEmpty, "\(verify.stdout) \(verify.stderr)")
    }

    @Test func aBadOptionIsRefused() throws {
        let r = try script(["--configuration", "fast"])
        #expect(r.status == 2 && r.stderr.contains("release or debug"))
    }
}
