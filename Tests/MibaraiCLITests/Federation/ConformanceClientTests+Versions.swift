import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The conformance client speaks versions 1 and 2; `mibarai` speaks 1 to 3. Once the operator's log
/// holds a version-3 `suppress`, the hub gives the client that log only up to the entry before it,
/// and everything else as before (`Protocol/federation.md`, section 8, "Entries of a later version").
extension ConformanceClientTests {
    @Test func aVersionTwoClientGetsTheOperatorsLogUpToTheFirstSuppressionAndEverythingElse() throws {
        try requirePython()
        let (hub, shop, hubPort) = try federationWithClient()
        defer { hub.stop(); shop.stop() }

        // The operator suppresses someone's phone; the hub takes it.
        let suppressed = try CommandRunner.mibarai(["federation", "suppress", "--phone", "080-9753-1864", "--operator-dir", dir.path("op"),
                                                    "--output", dir.path("suppress.json")])
        #expect(suppressed.status == 0, "\(suppressed.stderr)")
        let operatorEntries = try String(contentsOfFile: dir.path("op/operator-log.txt"), encoding: .utf8)
            .split(separator: "\n").count
        try federation.mibarai(["node", "operator-log", dir.path("suppress.json"), "--data-dir", dir.path("hub")])
        #expect(try federation.eventually {
            let show = try federation.mibarai(["node", "show", "--data-dir", dir.path("hub"), "--json"])
            return (try JSONSerialization.jsonObject(with: show.stdoutData) as? [String: Any])?["suppressions_in_force"] as? Int == 1
        }, "the hub never took the suppression")
        // A member's entry after it still reaches the client.
        try federation.mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "cod-refusal", "--amount", "5400",
                                "--phone", "080-1357-2468", "--incident-date", "2026-11-02"])
        #expect(try federation.eventually { try !federation.lookup("hub", phone: "080-1357-2468").isEmpty })

        // The client never reaches in_sync (its operator log stays one entry short), but nothing
        // it was sent is refused and no error passes either way.
        let (session, report) = try gossip(hubPort: hubPort, ["--timeout", "12"])
        #expect(report["violation"] == nil, "\(session.stdout)")
        #expect(report["version"] as? Int == 2)
        #expect(report["in_sync"] as? Bool == false, "\(session.stdout)")
        #expect((report["errors"] as? [Any])?.isEmpty == true, "\(session.stdout)")
        #expect((report["entries_refused"] as? [String: Int] ?? [:]).isEmpty, "\(session.stdout)")
        let origins = report["origins"] as? [[String: Any]] ?? []
        let op = origins.first { $0["name"] as? String == "operator" }
        #expect(op?["head"] as? Int == operatorEntries - 1, "\(origins)")
        #expect(origins.contains { $0["name"] as? String == "shop-a" && ($0["head"] as? Int ?? 0) >= 2 }, "\(origins)")
        #expect((report["live_records"] as? Int ?? 0) >= 2, "\(session.stdout)")
        #expect(((report["matches"] as? [String: [[String: Any]]])?["canary"])?.count == 1)
        #expect(!(hub.stdout + hub.stderr).contains("malformed"))
    }
}
