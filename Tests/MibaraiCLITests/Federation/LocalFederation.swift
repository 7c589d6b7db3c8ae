import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiTestSupport
import Testing

/// A federation on loopback for tests: an operator directory and member nodes in a temporary
/// directory, made and run with the real `mibarai` binary.
struct LocalFederation {
    let dir = TemporaryDirectory("mibarai-federation")

    @discardableResult
    func mibarai(_ args: [String]) throws -> CommandResult {
        let r = try CommandRunner.mibarai(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return r
    }

    /// A federation under `replicas` (`all` by default here: most tests look records up at each
    /// shop; the split-trust tests set `hubs`).
    func create(replicas: String = "all") throws {
        try mibarai(["federation", "init", "--operator-dir", dir.path("op"), "--name", "kanto-assoc", "--replicas", replicas])
    }

    func join(_ name: String, role: String = "shop") throws {
        try mibarai(["init", "--data-dir", dir.path(name), "--node-id", name])
        try mibarai(["node", "csr", "--data-dir", dir.path(name), "--output", dir.path("\(name).req")])
        try mibarai(["federation", "issue", dir.path("\(name).req"), "--operator-dir", dir.path("op"), "--role", role,
                     "--region", "kanto", "--output", dir.path("\(name).bundle")])
        try mibarai(["node", "join", dir.path("\(name).bundle"), "--data-dir", dir.path(name)])
        if role == "hub" { FileManager.default.createFile(atPath: dir.path("\(name).is-hub"), contents: Data()) }
    }

    /// Starts a node's server (gossip every 0.3 s), under `fileLimit` open files if given; returns
    /// it and its gossip port.
    func start(
        _ name: String, peers: [String] = [], frames: String? = nil, environment: [String: String] = [:], fileLimit: Int? = nil,
        extra: [String] = []
    ) throws -> (ServerProcess, Int) {
        var args = ["--data-dir", dir.path(name), "--federation-host", "127.0.0.1", "--federation-port", "0",
                    "--gossip-port", "0", "--gossip-interval", "0.3"] + extra
        for p in peers { args += ["--peer", p] }
        if let frames { args += ["--record-received-frames", dir.path(frames)] }
        let server = try ServerProcess(args, environment: environment, fileLimit: fileLimit)
        let port = try #require(server.waitForLine(/gossip on 127\.0\.0\.1:([0-9]+)/), "\(name): \(server.stdout) \(server.stderr)")
        return (server, Int(port)!)
    }

    /// A running federation of a hub and two shops (shop-a, shop-b) that reach it: made, joined
    /// and started. Stop them with ``RunningTrio/stop()``.
    struct RunningTrio {
        let hub: ServerProcess, a: ServerProcess, b: ServerProcess
        func stop() { for s in [a, b, hub] { s.stop() } }
    }

    func startHubAndTwoShops() throws -> RunningTrio {
        try create()
        try join("hub", role: "hub")
        for shop in ["shop-a", "shop-b"] { try join(shop) }
        let (hub, hubPort) = try start("hub")
        let seed = "hub@127.0.0.1:\(hubPort)"
        let (a, _) = try start("shop-a", peers: [seed])
        let (b, _) = try start("shop-b", peers: [seed])
        return RunningTrio(hub: hub, a: a, b: b)
    }

    /// `check --phone … --json` at a node: its matches. A hub holds no blinding key and cannot
    /// check: at a hub, the test computes the tokens with the operator's keys and reads the hub's
    /// database (what only the operator and a hub together could do, `Protocol/threat-model.md`).
    func lookup(_ node: String, phone: String) throws -> [[String: Any]] {
        if FileManager.default.fileExists(atPath: dir.path("\(node).is-hub")) { return try lookupAtHub(node, phone: phone) }
        let r = try CommandRunner.mibarai(["check", "--data-dir", dir.path(node), "--phone", phone, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        return json?["matches"] as? [[String: Any]] ?? []
    }

    /// The matches a hub's records give for `phone`, shaped as `check --json`'s.
    func lookupAtHub(_ node: String, phone: String) throws -> [[String: Any]] {
        struct Keys: Decodable { struct Epoch: Decodable { var epoch: UInt32; var key: String }; var epochs: [Epoch] }
        let keys = try JSONDecoder().decode(Keys.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path("op") + "/epoch-keys.json")))
        let hub = try Node.open(URL(fileURLWithPath: dir.path(node)))
        let normalized = hub.normalizer.normalize(Identity(phone: phone))
        let tokens = keys.epochs.flatMap { e in
            Blinder(key: EpochKey(epoch: e.epoch, keyBytes: Array(Data(base64Encoded: e.key)!))!).tokens(for: normalized)
        }
        let result = try hub.lookup(queries: [tokens])[0]
        return result.matches.map { m in
            ["origin": m.record.origin, "status": m.record.status.name, "amount_yen": m.record.amountYen,
             "report_id": m.record.id.description, "category": m.record.category.name] as [String: Any]
        }
    }

    /// `eventually` for an async condition: polls every 0.2 s for up to `seconds`.
    func eventuallyAsync(_ seconds: Double = 30, _ condition: () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return await condition()
    }

    /// Polls `condition` every 0.2 s for up to `seconds`.
    func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return try condition()
    }
}
