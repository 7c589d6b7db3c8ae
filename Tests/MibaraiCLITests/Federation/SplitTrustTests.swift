import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// `replicas = hubs` between real processes over mutual TLS on loopback: a shop finds another
/// shop's report through the hub, yet holds none of its tokens; the hub holds the tokens and no
/// blinding key; with the hub down the lookup says it is incomplete (exit 69); and a shop that
/// held other shops' records under `replicas = all` erases them when the policy changes.
@Suite("Split trust: hubs hold the records, shops hold the keys", .serialized)
struct SplitTrustTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    /// Sets `[federation] hubs` in a node's mibarai.toml.
    func useHub(_ node: String, port: Int) throws {
        let file = URL(fileURLWithPath: dir.path(node)).appendingPathComponent("mibarai.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("hubs = []"))
        try text.replacingOccurrences(of: "hubs = []", with: "hubs = [\"hub@127.0.0.1:\(port)\"]").write(to: file, atomically: true, encoding: .utf8)
    }

    /// Starts the hub; returns it, its gossip port and its federation listener's port.
    func startHub() throws -> (ServerProcess, gossip: Int, listener: Int) {
        let (hub, gossip) = try federation.start("hub")
        let listener = try #require(hub.waitForLine(/federation listener on https:\/\/127\.0\.0\.1:([0-9]+)/), "\(hub.stdout)")
        return (hub, gossip, Int(listener)!)
    }

    /// A hub and two shops under `replicas`, each shop looking up at the hub; all started.
    func startHubAndTwoShops(replicas: String) throws -> (hub: ServerProcess, a: ServerProcess, b: ServerProcess) {
        try federation.create(replicas: replicas)
        try federation.join("hub", role: "hub")
        for shop in ["shop-a", "shop-b"] { try federation.join(shop) }
        let (hub, gossip, listener) = try startHub()
        for shop in ["shop-a", "shop-b"] { try useHub(shop, port: listener) }
        let seed = "hub@127.0.0.1:\(gossip)"
        let (a, _) = try federation.start("shop-a", peers: [seed])
        let (b, _) = try federation.start("shop-b", peers: [seed])
        return (hub, a, b)
    }

    /// Shop A reports the canary.
    func reportCanary() throws {
        let c = Fixtures.canary
        try federation.mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
                                "--name", c.name!, "--phone", c.phone!, "--address", c.address!, "--incident-date", "2026-10-01"])
    }

    func check(_ node: String, phone: String) throws -> (CommandResult, [String: Any]) {
        let r = try CommandRunner.mibarai(["check", "--data-dir", dir.path(node), "--phone", phone, "--json"])
        return (r, (try? JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]) ?? [:])
    }

    /// Every file under `path`, read whole (the database, its WAL, keys, configuration).
    func files(under path: String) throws -> [(String, Data)] {
        let e = FileManager.default.enumerator(atPath: path)
        var out: [(String, Data)] = []
        while let name = e?.nextObject() as? String {
            let p = path + "/" + name
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, let d = FileManager.default.contents(atPath: p) {
                out.append((name, d))
            }
        }
        return out
    }

    /// The token values of `origin`'s records as `node`'s database holds them.
    func tokens(of origin: String, at node: String) throws -> [Data] {
        let db = try AppDatabase(path: dir.path(node) + "/mibarai.sqlite")
        return try db.blindedRecords(origin: origin).flatMap { $0.tokens.map { Data($0.value.bytes) } }
    }

    func setPolicy(_ replicas: String, at node: String, file: String) throws {
        try federation.mibarai(["federation", "policy", "--operator-dir", dir.path("op"), "--replicas", replicas, "--output", dir.path(file)])
        try federation.mibarai(["node", "operator-log", dir.path(file), "--data-dir", dir.path(node)])
    }

    @Test func aShopFindsAnotherShopsReportThroughTheHubWithoutHoldingIt() throws {
        // The default of `federation init`: replicas = hubs from the operator's first entry.
        let (hub, a, b) = try startHubAndTwoShops(replicas: "hubs")
        defer { for s in [a, b, hub] { s.stop() } }
        let c = Fixtures.canary
        try reportCanary()
        // Shop B finds it through the hub within seconds.
        var last: [String: Any] = [:]
        #expect(try federation.eventually(30) {
            let (r, json) = try check("shop-b", phone: c.phone!)
            last = json
            guard r.status == 0 else { return false }
            return (json["matches"] as? [[String: Any]] ?? []).contains { $0["origin"] as? String == "shop-a" }
        }, "\(last)")

        // The hub holds shop A's tokens; shop B holds none of them, in any file of its directory.
        let held = try tokens(of: "shop-a", at: "hub")
        #expect(!held.isEmpty)
        #expect(try tokens(of: "shop-a", at: "shop-b").isEmpty)
        b.stop()
        for (name, bytes) in try files(under: dir.path("shop-b")) {
            for t in held { #expect(bytes.range(of: t) == nil, "a token of shop-a in shop-b's \(name)") }
        }
        // Control: the same search finds them in the hub's files.
        #expect(try files(under: dir.path("hub")).contains { _, bytes in held.contains { bytes.range(of: $0) != nil } })

        // The hub holds no blinding key of the federation; a shop does.
        let epochKeys = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("op") + "/epoch-keys.json"))) as? [String: Any]
        let key = try #require(((epochKeys?["epochs"] as? [[String: Any]])?.last)?["key"] as? String)
        func heldKeys(_ node: String) throws -> [String] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path(node) + "/federation-keys.json")))
            return ((json as? [String: Any])?["epochs"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        }
        #expect(try !heldKeys("hub").contains(key))
        let shopKeys = try heldKeys("shop-a")
        #expect(shopKeys.contains(key), "\(shopKeys)")
        // Nothing of the person in anything the hub stores or logs.
        for (name, bytes) in try files(under: dir.path("hub")) {
            for value in [c.phone!, "09012345678", "カナリア", "古石場"] {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "\(value) in the hub's \(name)")
            }
        }
        #expect(!hub.stderr.contains("09012345678") && !hub.stdout.contains("09012345678"))

        // With the hub down, the answer says it is incomplete, in both languages, and exits 69.
        hub.stop()
        let (down, json) = try check("shop-a", phone: "080-2468-1357")
        #expect(down.status == 69, "\(down.status) \(down.stderr)")
        #expect(json["incomplete"] as? Bool == true, "\(json)")
        #expect(down.stderr.contains("incomplete") && down.stderr.contains("不完全"), "\(down.stderr)")
    }

    @Test func switchingFromAllToHubsErasesTheShopsCopies() throws {
        let (hub, a, b) = try startHubAndTwoShops(replicas: "all")
        defer { for s in [a, b, hub] { s.stop() } }
        let c = Fixtures.canary
        try reportCanary()
        // replicas = all (no policy entry): shop B holds shop A's record itself.
        #expect(try federation.eventually(30) { try !tokens(of: "shop-a", at: "shop-b").isEmpty })

        try setPolicy("hubs", at: "hub", file: "policy.json")
        #expect(try federation.eventually(30) { try tokens(of: "shop-a", at: "shop-b").isEmpty }, "shop B erases its copy")
        #expect(federation.eventually(10) { b.stderr.contains("other shops' records erased") }, "and says so")
        // And still finds the report, through the hub: from the command line, and from its
        // running screening API, which follows the policy without a restart.
        let (r, json) = try check("shop-b", phone: c.phone!)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((json["matches"] as? [[String: Any]] ?? []).contains { $0["origin"] as? String == "shop-a" }, "\(json)")
        let token = try String(contentsOfFile: dir.path("shop-b") + "/api-token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let body = try JSONSerialization.data(withJSONObject: ["reference": "#1", "billing": ["phone": c.phone!]])
        let screened = try HTTPTestClient.request("POST", port: b.port, path: "/v1/screen",
                                                  headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"], body: body)
        let answer = try screened.json()
        #expect(screened.status == 200 && answer["matched"] as? Bool == true && answer["incomplete"] == nil, "\(screened.status) \(answer)")
    }
}
