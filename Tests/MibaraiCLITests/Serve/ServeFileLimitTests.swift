import Foundation
import MibaraiTestSupport
import Testing

/// `mibarai serve` against the process's open-file limit, with the real binary.
@Suite("Serve and the open-file limit")
struct ServeFileLimitTests {
    @Test func moreConnectionsThanTheFileLimitAllowsIsRefusedAtStart() throws {
        let fed = LocalFederation()
        try fed.create()
        try fed.join("hub-a", role: "hub")
        let config = fed.dir.path("hub-a/mibarai.toml")
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("max_connections = 0"))
        try text.replacingOccurrences(of: "max_connections = 0", with: "max_connections = 4000")
            .write(toFile: config, atomically: true, encoding: .utf8)
        // A shell whose soft and hard limits are 1,024: serve cannot raise it to 4,000 + its reserve.
        // (`timeout` ends a serve that wrongly starts, so the test fails instead of hanging.)
        let r = try CommandRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "ulimit -n 1024 || exit 99; exec timeout 30 \"$0\" \"$@\"", ProjectPaths.mibaraiExecutable.path,
             "serve", "--data-dir", fed.dir.path("hub-a"), "--api-port", "0", "--federation-host", "127.0.0.1",
             "--federation-port", "0", "--gossip-port", "0"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("LimitNOFILE") && r.stderr.contains("開けるファイル数"), "\(r.stderr)")
    }
}
