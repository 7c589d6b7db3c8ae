import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// Real `mibarai serve` processes gossiping over mutual TLS on loopback: an operator, a hub and
/// three shops. Reports, status changes and withdrawals reach every node; a stopped node catches
/// up when it is back; the canary's personal data is in no byte any node receives or logs.
@Suite("Gossip between real processes", .serialized)
struct GossipProcessTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    @discardableResult
    func mibarai(_ args: [String]) throws -> CommandResult { try federation.mibarai(args) }
    func start(_ name: String, peers: [String] = [], frames: String? = nil, environment: [String: String] = [:]) throws -> (ServerProcess, Int) {
        try federation.start(name, peers: peers, frames: frames, environment: environment)
    }
    func lookup(_ node: String, phone: String) throws -> [[String: Any]] { try federation.lookup(node, phone: phone) }
    func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool { try federation.eventually(seconds, condition) }

    @Test func reportsStatusesAndWithdrawalsReachEveryNodeAndNoPersonalDataTravels() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        for shop in ["shop-a", "shop-b", "shop-c"] { try federation.join(shop) }

        let (hub, hubPort) = try start("hub", frames: "hub.frames")
        defer { hub.stop() }
        let seed = "hub@127.0.0.1:\(hubPort)"
        let (a, _) = try start("shop-a", peers: [seed], frames: "a.frames")
        defer { a.stop() }
        let (b, _) = try start("shop-b", peers: [seed], frames: "b.frames")
        defer { b.stop() }
        var (c, _) = try start("shop-c", peers: [seed], frames: "c1.frames")

        let canary = Fixtures.canary
        let added = try mibarai([
            "report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
            "--name", canary.name!, "--kana", canary.nameKana!, "--postal-code", canary.postalCode!, "--address", canary.address!,
            "--phone", canary.phone!, "--email", canary.email!, "--incident-date", "2026-10-01", "--json",
        ])
        let reportID = try #require((try JSONSerialization.jsonObject(with: added.stdoutData) as? [String: Any])?["id"] as? String, "\(added.stdout)")

        // Made at shop-a, found at shop-b and shop-c.
        for node in ["shop-b", "shop-c"] {
            #expect(try eventually { try lookup(node, phone: canary.phone!).contains { $0["origin"] as? String == "shop-a" } }, "\(node) never saw shop-a's report")
        }

        // shop-c stops; meanwhile shop-b reports someone else and shop-a's customer pays.
        c.stop()
        try mibarai(["report", "add", "--data-dir", dir.path("shop-b"), "--category", "cod-refusal", "--amount", "5400",
                     "--phone", "080-2222-3333", "--incident-date", "2026-11-02"])
        try mibarai(["report", "update", reportID, "--data-dir", dir.path("shop-a"), "--status", "paid"])
        #expect(try eventually { try lookup("shop-b", phone: canary.phone!).first?["status"] as? String == "paid" }, "shop-b never saw the payment")

        // Back up, shop-c catches up on both.
        (c, _) = try start("shop-c", peers: [seed], frames: "c2.frames")
        defer { c.stop() }
        #expect(try eventually { try lookup("shop-c", phone: "080-2222-3333").contains { $0["origin"] as? String == "shop-b" } }, "shop-c did not catch up")
        #expect(try eventually { try lookup("shop-c", phone: canary.phone!).first?["status"] as? String == "paid" }, "shop-c missed the status change")

        // A withdrawal reaches every copy.
        try mibarai(["report", "withdraw", reportID, "--data-dir", dir.path("shop-a")])
        for node in ["hub", "shop-b", "shop-c"] {
            #expect(try eventually { try lookup(node, phone: canary.phone!).isEmpty }, "\(node) still matches a withdrawn report")
        }

        let logs = [hub, a, b, c].map { $0.stdout + $0.stderr }.joined()
        for server in [hub, a, b, c] { server.stop() }

        // Every byte each node received, and every line each printed.
        var received = Data()
        for f in ["hub.frames", "a.frames", "b.frames", "c1.frames", "c2.frames"] {
            received += try Data(contentsOf: URL(fileURLWithPath: dir.path(f)))
        }
        // The canary's blinded phone token did travel (so the capture is real) ...
        let keys = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("shop-b/federation-keys.json")))) as! [String: Any]
        let epoch = (keys["epochs"] as! [[String: Any]]).first!
        let key = try #require(EpochKey(epoch: UInt32(epoch["epoch"] as! Int), keyBytes: Array(Data(base64Encoded: epoch["key"] as! String)!)))
        let normalized = Normalizer(directory: try PostalDirectory.bundled()).normalize(canary)
        let phoneToken = try #require(Blinder(key: key).tokens(for: normalized).first { $0.type == .phone })
        #expect(received.range(of: Data(phoneToken.value.bytes)) != nil, "the canary's blinded phone token never travelled")
        // ... and none of its personal data, raw or normalised, in UTF-8 or UTF-16.
        let secrets = [canary.name!, canary.nameKana!, "カナリア", "古石場", canary.address!, canary.phone!, "09012345678", "+819012345678",
                       canary.email!, "canary.mihon", canary.postalCode!, "1350045"]
            + [normalized.name, normalized.nameKana, normalized.postalCode, normalized.address?.canonical, normalized.phone, normalized.email].compactMap { $0 }
        for s in secrets {
            for encoded in [Data(s.utf8), s.data(using: .utf16BigEndian)!, s.data(using: .utf16LittleEndian)!] {
                #expect(received.range(of: encoded) == nil, "personal data on the wire")
            }
            #expect(!logs.contains(s), "personal data in a node's log")
        }
    }

    /// A node cut off (its process frozen with SIGSTOP: its sockets stay open and say nothing, as
    /// behind a broken link), reports made on both sides, and the cut healed (SIGCONT).
    @Test func aPartitionHeals() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        for shop in ["shop-a", "shop-c"] { try federation.join(shop) }
        let (hub, hubPort) = try start("hub")
        defer { hub.stop() }
        let seed = "hub@127.0.0.1:\(hubPort)"
        let (a, _) = try start("shop-a", peers: [seed])
        defer { a.stop() }
        let (c, _) = try start("shop-c", peers: [seed])
        defer { c.stop() }
        try mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "1000",
                     "--phone", "080-1111-0001", "--incident-date", "2026-11-01"])
        #expect(try eventually { try !lookup("shop-c", phone: "080-1111-0001").isEmpty }, "no convergence before the cut")

        kill(c.process.processIdentifier, SIGSTOP)
        try mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "2000",
                     "--phone", "080-1111-0002", "--incident-date", "2026-11-02"])
        // Recorded at shop-c's side while it is cut off (its server is frozen; the command writes its file).
        try mibarai(["report", "add", "--data-dir", dir.path("shop-c"), "--category", "chargeback", "--amount", "3000",
                     "--phone", "080-1111-0003", "--incident-date", "2026-11-03"])
        // Gossip goes on around the cut: shop-a's new report reaches the hub. Only then is it
        // worth checking that nothing crossed the cut link.
        #expect(try eventually { try !lookup("hub", phone: "080-1111-0002").isEmpty }, "the hub stopped gossiping with shop-a")
        #expect(try lookup("shop-a", phone: "080-1111-0003").isEmpty, "shop-c's report crossed a cut link")
        #expect(try lookup("shop-c", phone: "080-1111-0002").isEmpty, "shop-a's report crossed a cut link")

        kill(c.process.processIdentifier, SIGCONT)
        #expect(try eventually { try lookup("shop-a", phone: "080-1111-0003").contains { $0["origin"] as? String == "shop-c" } }, "shop-c's side never reached shop-a")
        #expect(try eventually { try lookup("shop-c", phone: "080-1111-0002").contains { $0["origin"] as? String == "shop-a" } }, "shop-a's side never reached shop-c")
        #expect(try eventually { try lookup("hub", phone: "080-1111-0003").count == 1 })
    }

    /// The operator starts a new epoch: its key reaches every member sealed to it alone, each node
    /// blinds its reports again and publishes them again, and the old epoch's copies are withdrawn.
    @Test func aNewEpochReachesEveryMemberAndReportsAreBlindedAgain() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        for shop in ["shop-a", "shop-b"] { try federation.join(shop) }
        let (hub, hubPort) = try start("hub")
        defer { hub.stop() }
        let seed = "hub@127.0.0.1:\(hubPort)"
        let (a, _) = try start("shop-a", peers: [seed])
        defer { a.stop() }
        let (b, _) = try start("shop-b", peers: [seed])
        defer { b.stop() }
        try mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "4200",
                     "--phone", "080-4444-0001", "--incident-date", "2026-11-01"])
        #expect(try eventually { try lookup("shop-b", phone: "080-4444-0001").count == 1 })

        try mibarai(["federation", "epoch", "--operator-dir", dir.path("op"), "--output", dir.path("epoch2.json")])
        try mibarai(["node", "operator-log", dir.path("epoch2.json"), "--data-dir", dir.path("hub")])

        func primaryEpoch(_ node: String) -> Int? {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: dir.path("\(node)/federation-keys.json"))),
                  let keys = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return keys["primary"] as? Int
        }
        for node in ["shop-a", "shop-b"] {
            #expect(eventually { primaryEpoch(node) == 2 }, "\(node) never received epoch 2")
        }
        // The hub relays the key sealed to the shops and never holds one itself.
        #expect(primaryEpoch("hub") != 2)
        // shop-b holds shop-a's report once, now under epoch 2, and still finds it.
        let db = try AppDatabase(path: dir.path("shop-b/mibarai.sqlite"))
        #expect(try eventually { try db.blindedRecords(origin: "shop-a").map(\.epoch) == [2] }, "\((try? db.blindedRecords(origin: "shop-a").map(\.epoch)) ?? [])")
        let matches = try lookup("shop-b", phone: "080-4444-0001")
        #expect(matches.count == 1 && matches.first?["origin"] as? String == "shop-a", "\(matches)")
        // A node that joins after the new epoch gets epoch 2's key only.
        try federation.join("shop-late")
        #expect(primaryEpoch("shop-late") == 2)
    }

    /// A member offline during a new epoch keeps its reports findable under the old key for the
    /// grace period; when it ends, the others retire the old epoch and drop what is still under it;
    /// when the member returns, it blinds its reports again and they are found once more.
    @Test func olderEpochsRetireAfterTheGracePeriod() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        for shop in ["shop-b", "shop-c"] { try federation.join(shop) }
        let (hub, hubPort) = try start("hub")
        defer { hub.stop() }
        let seed = "hub@127.0.0.1:\(hubPort)"
        var (b, _) = try start("shop-b", peers: [seed])
        defer { b.stop() }  // whichever shop-b process runs at the end
        var (c, _) = try start("shop-c", peers: [seed])
        defer { c.stop() }  // whichever shop-c process runs at the end
        try mibarai(["report", "add", "--data-dir", dir.path("shop-c"), "--category", "cod-refusal", "--amount", "3300",
                     "--phone", "080-5555-0001", "--incident-date", "2026-11-02"])
        #expect(try eventually { try lookup("shop-b", phone: "080-5555-0001").count == 1 })
        c.stop()

        try mibarai(["federation", "epoch", "--operator-dir", dir.path("op"), "--output", dir.path("epoch2.json")])
        try mibarai(["node", "operator-log", dir.path("epoch2.json"), "--data-dir", dir.path("hub")])
        func keys(_ node: String) -> [String: Any] {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: dir.path("\(node)/federation-keys.json"))),
                  let keys = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
            return keys
        }
        func epochs(_ node: String) -> [Int] { ((keys(node)["epochs"] as? [[String: Any]]) ?? []).compactMap { $0["epoch"] as? Int }.sorted() }
        #expect(eventually { keys("shop-b")["primary"] as? Int == 2 }, "shop-b never received epoch 2")
        let adopted = ((keys("shop-b")["epochs"] as? [[String: Any]]) ?? []).first { $0["epoch"] as? Int == 2 }?["adopted_on"] as? String
        #expect(adopted == Fixtures.today.description)

        // Within the grace period shop-c's report, still under epoch 1, is found.
        #expect(try lookup("shop-b", phone: "080-5555-0001").count == 1)
        #expect(epochs("shop-b") == [1, 2])
        let db = try AppDatabase(path: dir.path("shop-b/mibarai.sqlite"))
        #expect(try db.blindedRecords(origin: "shop-c").map(\.epoch) == [1])

        // 30 days after epoch 2 was taken (the default grace), epoch 1 no longer matches at
        // shop-b. A command only reads: it looks up without epoch 1 and writes no file.
        let later = Fixtures.today.adding(days: 30).description
        let r = try CommandRunner.mibarai(["check", "--data-dir", dir.path("shop-b"), "--phone", "080-5555-0001", "--json"],
                                          environment: ["MIBARAI_TODAY": later])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        let matches: [[String: Any]] = json?["matches"] as? [[String: Any]] ?? []
        #expect(matches.isEmpty, "\(r.stdout)")
        #expect(epochs("shop-b") == [1, 2], "a command does not rewrite the keys file")
        // `serve` retires it: the keys file keeps epoch 2, and the records under epoch 1 are dropped.
        b.stop()
        (b, _) = try start("shop-b", peers: [seed], environment: ["MIBARAI_TODAY": later])
        #expect(eventually { epochs("shop-b") == [2] }, "\(epochs("shop-b"))")
        #expect(try eventually { try db.blindedRecords(origin: "shop-c").isEmpty })

        // shop-c returns, takes epoch 2, blinds its report again and publishes it: found again.
        (c, _) = try start("shop-c", peers: [seed])
        #expect(eventually { keys("shop-c")["primary"] as? Int == 2 }, "shop-c never received epoch 2")
        #expect(try eventually { try db.blindedRecords(origin: "shop-c").map(\.epoch) == [2] },
                "\((try? db.blindedRecords(origin: "shop-c").map(\.epoch)) ?? [])")
        #expect(try eventually { try lookup("shop-b", phone: "080-5555-0001").count == 1 })
    }
}
