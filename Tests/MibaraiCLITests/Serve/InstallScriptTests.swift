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

    /// `scripts/deb.sh` packages the same layout for Debian: the program and its tables under
    /// /usr/lib/mibarai, /usr/bin/mibarai a link, the unit pointed at it, maintainer scripts that
    /// make the service user and never remove the data. The package is unpacked (not installed)
    /// and its program run from there.
    @Test func theDebianPackageHoldsAWorkingProgramAndItsUnit() throws {
        let out = dir.path("deb")
        let made = try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), [
            ProjectPaths.root.appendingPathComponent("scripts/deb.sh").path, "--configuration", "debug", "--no-build", "--output", out,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let deb = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(deb.hasPrefix(out + "/mibarai_0.0~git") && deb.hasSuffix(".deb"), "\(deb)")
        let dpkgDeb = URL(fileURLWithPath: "/usr/bin/dpkg-deb")

        let control = try CommandRunner.run(dpkgDeb, ["--field", deb, "Package", "Depends"])
        #expect(control.status == 0 && control.stdout.contains("Package: mibarai") && control.stdout.contains("libsqlite3-0 (>= 3.37)"), "\(control.stdout)")
        let contents = try CommandRunner.run(dpkgDeb, ["--contents", deb])
        for path in ["./usr/bin/mibarai -> ../lib/mibarai/mibarai", "./usr/lib/mibarai/mibarai",
                     "./usr/lib/mibarai/Mibarai_MibaraiCore.resources/postal.tsv",
                     "./usr/lib/mibarai/Mibarai_MibaraiWeb.resources/Templates/layout.mustache", "./lib/systemd/system/mibarai.service"] {
            #expect(contents.stdout.contains(path), "\(path) in \(contents.stdout)")
        }

        let root = dir.path("unpacked")
        #expect(try CommandRunner.run(dpkgDeb, ["--extract", deb, root]).status == 0)
        let unit = try String(contentsOfFile: root + "/lib/systemd/system/mibarai.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/bin/mibarai serve") && !unit.contains("/usr/local"))
        let normalized = try CommandRunner.run(URL(fileURLWithPath: root + "/usr/bin/mibarai"), ["normalize"],
                                               stdin: Data(#"{"phone": "03-1234-5678", "postal_code": "100-0001"}"#.utf8))
        #expect(normalized.status == 0 && normalized.stdout.contains("+81312345678"), "the unpacked program finds its tables: \(normalized.stderr)")

        let scripts = dir.path("control")
        #expect(try CommandRunner.run(dpkgDeb, ["--control", deb, scripts]).status == 0)
        let postinst = try String(contentsOfFile: scripts + "/postinst", encoding: .utf8)
        #expect(postinst.contains("adduser --system") && postinst.contains("install -d -o mibarai -g mibarai -m 0700 /var/lib/mibarai"))
        for script in ["postinst", "prerm", "postrm"] {
            #expect(try CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-n", scripts + "/" + script]).status == 0, "\(script) parses")
            let text = try String(contentsOfFile: scripts + "/" + script, encoding: .utf8)
            #expect(!text.contains("rm ") && !text.contains("deluser") && !text.contains("userdel"), "\(script) never removes data or the user")
        }
    }

    @Test func aBadOptionIsRefused() throws {
        let r = try script(["--configuration", "fast"])
        #expect(r.status == 2 && r.stderr.contains("release or debug"))
    }
}
