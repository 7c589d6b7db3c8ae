import Crypto
import Foundation
import MibaraiCore
import MibaraiServer

/// A federation in a directory, made with the real `mibarai` commands: an operator, `origins`
/// shops (never run: the bench signs their entries with their log keys), `members` more shops
/// (never run: part 8 connects with their certificates), a newcomer hub and a hub. The hub joins
/// last, so its join bundle carries every admission.
struct BenchFederation {
    let directory: String
    let originNames: [String]
    let memberNames: [String]
    let newcomer = "newcomer"
    let hub = "hub"

    init(directory: String, origins: Int, members: Int = 0) {
        self.directory = directory
        originNames = (1...origins).map { String(format: "shop-%02d", $0) }
        memberNames = (0..<members).map { String(format: "member-%02d", $0 + 1) }
    }

    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    func database(_ node: String) -> String { path("\(node)/mibarai.sqlite") }

    func create(log: (String) -> Void) throws {
        try NodeProcess.run(["federation", "init", "--operator-dir", path("op"), "--name", "bench-assoc"])
        // Under the default policy (replicas = hubs) only hubs hold other shops' records: the
        // newcomer that bootstraps every record is a second hub.
        for name in originNames + memberNames { try join(name, role: "shop") }
        try join(newcomer, role: "hub")
        try join(hub, role: "hub")
        let members = memberNames.isEmpty ? "" : ", \(memberNames.count) member shops"
        log("federation: operator, \(originNames.count) origin shops\(members), \(newcomer), \(hub) joined in \(directory)")
    }

    private func join(_ name: String, role: String) throws {
        try NodeProcess.run(["init", "--data-dir", path(name), "--node-id", name])
        try NodeProcess.run(["node", "csr", "--data-dir", path(name), "--output", path("\(name).req")])
        try NodeProcess.run(["federation", "issue", path("\(name).req"), "--operator-dir", path("op"), "--role", role,
                             "--region", "kanto", "--output", path("\(name).bundle")])
        try NodeProcess.run(["node", "join", path("\(name).bundle"), "--data-dir", path(name)])
    }

    /// A node's Ed25519 log key (`node.key`, base64 of the raw key).
    func signer(_ node: String) throws -> Curve25519.Signing.PrivateKey {
        let text = try String(contentsOfFile: path("\(node)/node.key"), encoding: .utf8)
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("\(node)/node.key is not base64")
        }
        return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }

    func nodeID(_ node: String) throws -> NodeID { NodeID(publicKey: try signer(node).publicKey) }

    /// The node's TLS identity as the federation listener uses it.
    func tls(_ node: String) throws -> FederationServer.Configuration {
        func read(_ p: String) throws -> String { try String(contentsOfFile: path("\(node)/\(p)"), encoding: .utf8) }
        return FederationServer.Configuration(host: "127.0.0.1", port: 0, certificatePEM: try read("federation/node.pem"),
                                              privateKeyPEM: try read("tls.key"), rootPEM: try read("federation/root.pem"))
    }

    /// `mibarai serve` of a node on loopback, every listener on a free port.
    func serve(_ node: String, peers: [String] = [], interval: Double = 1) throws -> NodeProcess {
        var args = ["--data-dir", path(node), "--api-port", "0", "--federation-host", "127.0.0.1", "--federation-port", "0",
                    "--gossip-port", "0", "--gossip-interval", "\(interval)", "--log-level", "notice"]
        for p in peers { args += ["--peer", p] }
        return try NodeProcess(serve: args, logPrefix: path("\(node)-serve"))
    }
}
