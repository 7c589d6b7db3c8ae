import Foundation
import MibaraiCore
import MibaraiMembership
import MibaraiNode
import MibaraiServer
import MibaraiStore
import MibaraiTestSupport
import Testing
import X509

/// Lookups through two hubs between real processes, over mutual TLS on loopback: a shop whose
/// first hub is down is answered by the second; a member that tries to enumerate phone numbers
/// (1,000,000 tokens in batches, spread over both hubs) is answered only up to its quota, then
/// refused at every hub, the audit shows it and the operator is alerted; a revoked shop gets no
/// answer from any hub.
@Suite("Hub quotas and audit", .serialized)
struct HubQuotaTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    func listener(_ server: ServerProcess) throws -> Int {
        Int(try #require(server.waitForLine(/federation listener on https:\/\/127\.0\.0\.1:([0-9]+)/), "\(server.stdout)"))!
    }

    func setHubs(_ node: String, _ hubs: [String]) throws {
        let file = URL(fileURLWithPath: dir.path(node)).appendingPathComponent("mibarai.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let list = hubs.map { "\"\($0)\"" }.joined(separator: ", ")
        try text.replacing(#/hubs = \[[^\]]*\]/#, with: "hubs = [\(list)]").write(to: file, atomically: true, encoding: .utf8)
    }

    /// The shop's own credentials, as a script run on its machine would use them.
    func client(of shop: String, hub: String, port: Int) throws -> HubClient {
        func read(_ path: String) throws -> String { try String(contentsOfFile: dir.path(shop) + "/" + path, encoding: .utf8) }
        let tls = FederationServer.Configuration(host: "", port: 0, certificatePEM: try read("federation/node.pem"),
                                                 privateKeyPEM: try read("tls.key"), rootPEM: try read("federation/root.pem"))
        let gate = MemberGateBox(MemberGate(root: try X509Certificate(pemEncoded: try read("federation/root.pem"))))
        return try HubClient(hubs: [HubClient.Hub("\(hub)@127.0.0.1:\(port)")!], tls: tls, gate: gate, timeout: .seconds(60))
    }

    @Test func anEnumerationIsAnsweredOnlyUpToItsQuotaAtEveryHub() async throws {
        try federation.create()
        for hub in ["hub", "hub-2"] { try federation.join(hub, role: "hub") }
        for shop in ["shop-a", "shop-b"] { try federation.join(shop) }
        try federation.mibarai(["federation", "policy", "--operator-dir", dir.path("op"), "--replicas", "hubs",
                                "--daily-quota", "3000", "--burst", "5000", "--output", dir.path("policy.json")])
        try federation.mibarai(["node", "operator-log", dir.path("policy.json"), "--data-dir", dir.path("hub")])
        let (hub, hubGossip) = try federation.start("hub", extra: ["--log-level", "info"])
        defer { hub.stop() }
        let (hub2, _) = try federation.start("hub-2", peers: ["hub@127.0.0.1:\(hubGossip)"], extra: ["--log-level", "info"])
        defer { hub2.stop() }
        let (port1, port2) = (try listener(hub), try listener(hub2))
        let seed = "hub@127.0.0.1:\(hubGossip)"

        // Shop A reports; shop B's first hub is down (nothing listens on port 9), its second answers.
        try setHubs("shop-a", ["hub@127.0.0.1:\(port1)", "hub-2@127.0.0.1:\(port2)"])
        try setHubs("shop-b", ["hub@127.0.0.1:9", "hub-2@127.0.0.1:\(port2)"])
        let (a, _) = try federation.start("shop-a", peers: [seed])
        defer { a.stop() }
        let c = Fixtures.canary
        try federation.mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
                                "--name", c.name!, "--phone", c.phone!, "--address", c.address!, "--incident-date", "2026-10-01"])
        try federation.mibarai(["sync", "--data-dir", dir.path("shop-b"), "--peer", seed])
        #expect(try federation.eventually(30) {
            let r = try CommandRunner.mibarai(["check", "--data-dir", dir.path("shop-b"), "--phone", c.phone!, "--json", "--lookup-only"])
            let json = (try? JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]) ?? [:]
            return r.status == 0 && (json["matches"] as? [[String: Any]] ?? []).contains { $0["origin"] as? String == "shop-a" }
        }, "shop-b never found shop-a's report through its second hub")

        // Both hubs hold the policy and have caught up with each other (each signs its usage then).
        #expect(try federation.eventually(30) {
            try AppDatabase(path: dir.path("hub-2/mibarai.sqlite")).federationPolicy(operator: try operatorKey()).lookupQuota.daily == 3_000
        })

        let clients = [try client(of: "shop-a", hub: "hub", port: port1), try client(of: "shop-a", hub: "hub-2", port: port2)]
        var random = SystemRandomNumberGenerator()
        func phones(_ n: Int) -> HubLookupRequest {
            HubLookupRequest(queries: (0..<n).map { _ in [BlindToken(type: .phone, value: TokenValue(high: random.next(), low: random.next()))] },
                             references: [], purpose: .lookup)
        }
        // The first hub answers up to the daily quota, then refuses.
        var answered = 0, refusals = 0, failures: [String] = []
        while refusals < 2, failures.count < 5 {
            do throws(HubsUnavailable) {
                _ = try await clients[0].lookup(phones(1_000))
                answered += 1_000
            } catch {
                // A connection that fails under load is asked again; a refusal is counted.
                if error.overQuota != nil { refusals += 1 } else { failures += error.attempts }
            }
        }
        #expect(failures.count < 5, "\(failures)")
        // A request that timed out under load may still have been answered at the hub: the
        // hub's audit, read below, holds exactly the quota.
        #expect(answered <= 3_000 && answered + 1_000 * failures.count >= 3_000, "the first hub answered \(answered), \(failures)")
        // The second hub learns it from the first's usage entry: it refuses too, having answered
        // at most the few single lookups that came before the entry did.
        var singles = 0
        let learnt = await federation.eventuallyAsync(30) {
            do throws(HubsUnavailable) {
                _ = try await clients[1].lookup(phones(1))
                singles += 1
                return false
            } catch {
                return error.overQuota?.daily == true
            }
        }
        #expect(learnt, "the second hub never learnt the first one's count")
        #expect(singles < 100, "\(singles)")

        // The enumeration goes on: 1,000,000 random phone tokens, 1,000 a request, alternating
        // hubs. Nothing more is answered.
        var refused = [0, 0]
        for batch in 0..<1_000 {
            let i = batch % 2
            do {
                _ = try await clients[i].lookup(phones(1_000))
                answered += 1_000
            } catch {
                #expect(error.overQuota != nil, "\(error.attempts)")
                refused[i] += 1
            }
        }
        #expect(refused == [500, 500], "both hubs refuse every request: \(refused)")
        print("enumeration: \(answered + singles) of 1,003,000 identities answered, then every request refused at both hubs")

        // The CLI says so, in both languages, and exits 69.
        let over = try CommandRunner.mibarai(["check", "--data-dir", dir.path("shop-a"), "--phone", "080-2468-1357"])
        #expect(over.status == 69, "\(over.status) \(over.stderr)")
        #expect(over.stderr.contains("quota") && over.stderr.contains("上限"), "\(over.stderr)")

        // The audit shows it at each hub, and the operator was alerted.
        for (name, server) in [("hub", hub), ("hub-2", hub2)] {
            let audit = try federation.mibarai(["audit", "--data-dir", dir.path(name), "--json"])
            let rows = (try JSONSerialization.jsonObject(with: audit.stdoutData) as? [[String: Any]] ?? []).filter { $0["member"] as? String == "shop-a" }
            #expect(rows.reduce(0) { $0 + ($1["refused"] as? Int ?? 0) } >= 400, "\(name): \(rows)")
        }
        // The first hub's audit shows what it answered, and it alerted the operator.
        let audit = try federation.mibarai(["audit", "--data-dir", dir.path("hub"), "--json"])
        let rows = (try JSONSerialization.jsonObject(with: audit.stdoutData) as? [[String: Any]] ?? []).filter { $0["member"] as? String == "shop-a" }
        #expect(rows.reduce(0) { $0 + ($1["identities"] as? Int ?? 0) } == 3_000, "\(rows)")
        #expect(hub.stderr.contains("hub: unusual lookups") && hub.stderr.contains("volume"), "the hub raised no alert")
        // The shop reads its own lookups as a hub recorded them.
        let own = try federation.mibarai(["audit", "--data-dir", dir.path("shop-a"), "--json"])
        let ownJSON = try #require(try JSONSerialization.jsonObject(with: own.stdoutData) as? [String: Any])
        #expect((ownJSON["at_hub"] as? [[String: Any]] ?? []).contains { $0["refused"] as? Bool == true }, "\(ownJSON)")

        // A query is one identity: two phone tokens under the federation's one epoch are refused
        // (400), before any quota is taken.
        let two = HubLookupRequest(queries: [[BlindToken(type: .phone, value: TokenValue(high: 1, low: 2)),
                                              BlindToken(type: .phone, value: TokenValue(high: 3, low: 4))]], references: [], purpose: .lookup)
        do throws(HubsUnavailable) {
            _ = try await clients[1].lookup(two)
            Issue.record("a query of two phone numbers was answered")
        } catch {
            #expect(error.overQuota == nil && error.attempts.contains { $0.contains("HTTP 400") }, "\(error.attempts)")
        }

        // A shop sends its tokens only to a hub of the configured name: hub-2 answering on the
        // address configured for "hub" is refused in the handshake.
        try setHubs("shop-b", ["hub@127.0.0.1:\(port2)"])
        let misnamed = try CommandRunner.mibarai(["check", "--data-dir", dir.path("shop-b"), "--phone", c.phone!, "--lookup-only"])
        #expect(misnamed.status == 69, "\(misnamed.status) \(misnamed.stderr)")
        try setHubs("shop-b", ["hub-2@127.0.0.1:\(port2)"])
        #expect(try CommandRunner.mibarai(["check", "--data-dir", dir.path("shop-b"), "--phone", c.phone!, "--lookup-only"]).status == 0)

        // A revoked shop gets no answer from any hub.
        try federation.mibarai(["federation", "revoke", "shop-b", "--operator-dir", dir.path("op"), "--reason", "misbehaviour",
                                "--output", dir.path("revoke.json")])
        for name in ["hub", "hub-2"] { try federation.mibarai(["node", "operator-log", dir.path("revoke.json"), "--data-dir", dir.path(name)]) }
        #expect(try federation.eventually(30) {
            try CommandRunner.mibarai(["check", "--data-dir", dir.path("shop-b"), "--phone", c.phone!, "--lookup-only"]).status == 69
        }, "a revoked shop is still answered")
    }

    func operatorKey() throws -> NodeID {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("op") + "/federation.json"))) as? [String: Any]
        return try #require(NodeID(hex: json?["operator_key"] as? String ?? ""))
    }
}
