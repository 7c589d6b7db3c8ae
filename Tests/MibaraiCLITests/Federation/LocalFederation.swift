import Foundation
import MibaraiCore
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

    func create() throws {
        try mibarai(["federation", "init", "--operator-dir", dir.path("op"), "--name", "kanto-assoc"])
    }

    func join(_ name: String, role: String = "shop") throws {
        try mibarai(["init", "--data-dir", dir.path(name), "--node-id", name])
        try mibarai(["node", "csr", "--data-dir", dir.path(name), "--output", dir.path("\(name).req")])
        try mibarai(["federation", "issue", dir.path("\(name).req"), "--operator-dir", dir.path("op"), "--role", role,
                     "--region", "kanto", "--output", dir.path("\(name).bundle")])
        try mibarai(["node", "join", dir.path("\(name).bundle"), "--data-dir", dir.path(name)])
    }

    /// Starts a node's server (gossip every 0.3 s), under `fileLimit` open files if given; returns
    /// it and its gossip port.
    func start(
        _ name: String, peers: [String] = [], frames: String? = nil, environment: [String: String] = [:], fileLimit: Int? = nil
    ) throws -> (ServerProcess, Int) {
        var args = ["--data-dir", dir.path(name), "--federation-host", "127.0.0.1", "--federation-port", "0",
                    "--gossip-port", "0", "--gossip-interval", "0.3"]
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

    /// `check --phone … --json` at a node: its matches.
    func lookup(_ node: String, phone: String) throws -> [[String: Any]] {
        let r = try CommandRunner.mibarai(["check", "--data-dir", dir.path(node), "--phone", phone, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        return json?["matches"] as? [[String: Any]] ?? []
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
