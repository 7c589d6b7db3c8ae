import Foundation
import Logging
import MibaraiCore
import MibaraiMembership
import MibaraiNode
import MibaraiServer
import MibaraiStore
import X509

/// A member node's federation files, read once: its certificate and TLS key, the federation's
/// root (and the gate it makes), the operator's key. `serve` and `sync` build their gossip from it.
struct FederationMembership {
    let me: MemberCertificate
    let operatorKey: NodeID
    let gate: MemberGateBox
    let certificatePEM: String
    let privateKeyPEM: String
    let rootPEM: String

    /// The node's membership; nil when it has not joined a federation (`mibarai node join`).
    static func read(_ node: Node) throws(NodeError) -> FederationMembership? {
        let files = NodeMembershipFiles(directory: node.directory.url)
        guard files.isMember else { return nil }
        let (me, info) = try files.member()
        guard let rootPEM = try? String(contentsOf: files.url("federation/root.pem"), encoding: .utf8),
              let keyPEM = try? String(contentsOf: files.url("tls.key"), encoding: .utf8),
              let certPEM = try? String(contentsOf: files.url("federation/node.pem"), encoding: .utf8)
        else {
            throw .noInput(ja: "連合の証明書ファイルを読めません: \(node.directory.path)", en: "cannot read the federation certificate files in \(node.directory.path)")
        }
        let gate: MemberGateBox
        do { gate = MemberGateBox(MemberGate(root: try X509Certificate(pemEncoded: rootPEM))) } catch {
            throw .data(ja: "ルート証明書が不正です。", en: "the federation root certificate is malformed.")
        }
        guard let operatorKey = NodeID(hex: info.operatorKey) else {
            throw .data(ja: "federation/operator.json の鍵が不正です。", en: "the key in federation/operator.json is malformed.")
        }
        return FederationMembership(me: me, operatorKey: operatorKey, gate: gate, certificatePEM: certPEM, privateKeyPEM: keyPEM, rootPEM: rootPEM)
    }

    /// The mutual-TLS configuration of a listener on `host:port`.
    func tls(host: String, port: Int) -> FederationServer.Configuration {
        FederationServer.Configuration(host: host, port: port, certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM, rootPEM: rootPEM)
    }

    /// How the gossip runs: where it listens, whom it reaches first, how often.
    struct GossipOptions {
        var host: String
        var port: Int
        /// `name@host:port`, each (the configuration's `[federation] peers` and the command's).
        var peers: [String]
        var intervalSeconds: Double
        /// Told to peers in `hello`; nil: nothing (the node only dials out) unless it listens on a specific address.
        var advertise: String?
        var receivedFramesFile: String?
        /// False: peers are told no address, and none but the given ones are asked for more or
        /// dialled (a node that only dials out for a while).
        var advertisesListener = true
        /// The line printed once the listener is bound (`<port>` replaced).
        var announce: String
    }

    /// The gossip node and the service that runs it on real sockets. A newer epoch key the node
    /// receives becomes the primary one, `screener` (when given) uses it at once, and the node's
    /// reports are blinded again.
    func gossip(
        _ node: Node, options: GossipOptions, screener: OrderScreener?, budget: ConnectionBudget, logger: Logger,
        quotas: HubQuotas? = nil
    ) throws(NodeError) -> (GossipNode, GossipService) {
        // A shop's screening API follows the policy as it changes: it asks the hubs under
        // `replicas = hubs`, and its own copies otherwise.
        let hubs = me.role == .shop ? try configuredHubs(node) : nil
        guard (0...65_535).contains(options.port) else {
            throw .usage(ja: "--gossip-port は 0〜65535 です。", en: "--gossip-port must be 0 to 65535.")
        }
        var seeds: [PeerSeed] = []
        for text in options.peers {
            guard let seed = PeerSeed(text) else {
                throw .usage(ja: "接続先は 名前@ホスト:ポート で指定してください: \(text)", en: "a peer is name@host:port: \(text)")
            }
            seeds.append(seed)
        }
        let seconds = options.intervalSeconds
        guard seconds >= 0.05, seconds <= 3_600 else {
            throw .usage(ja: "ゴシップの間隔は 0.05〜3600 秒です。", en: "the gossip interval must be 0.05 to 3600 seconds.")
        }
        let interval = Duration.milliseconds(Int64(seconds * 1_000))
        // A hub relays what it receives at once; a shop leaves that to the next round. A hub
        // stays connected to its region; a shop to its hub and a few peers (the open-file
        // limit was checked against this in `serve`'s connection budget).
        let maxConnections = node.configuration.federation.maxConnections(as: me.role)
        var gossip = GossipConfiguration(interval: interval, maxConnections: maxConnections, relayPush: me.role == .hub)
        if !options.advertisesListener {
            gossip.peerExchangeEvery = 0
            gossip.minKnownPeers = 0
        }
        let signer = try NodeKeys.readNodeKey(node.directory.file(NodeKeys.nodeKeyFile))
        let (_, sealing) = try NodeMembershipFiles(directory: node.directory.url).keys()
        let host = options.host
        do {
            let gossipNode = try GossipNode(
                configuration: .init(name: node.configuration.nodeID, gossip: gossip, seeds: seeds,
                                     receivedFramesFile: options.receivedFramesFile.map { URL(fileURLWithPath: $0) }),
                operator: operatorKey, signer: signer, sealingKey: sealing, database: node.database, gate: gate, logger: logger,
                quotas: quotas,
                onPolicy: { policy in screener?.use(hubs: policy.replicas == .hubs ? hubs : nil) },
                onEpochKey: { key in
                    // A newer epoch becomes the primary key, the screening API uses it at once,
                    // and the node's reports are blinded again (the gossip then publishes them).
                    if let adopted = try node.on(Node.todayInJapan()).adopt([key]) {
                        screener?.use(adopted.keyring)
                        try adopted.reblindOwnReports()
                    }
                }
            )
            let announce = options.announce
            var configuration = GossipService.Configuration(
                host: host, port: options.port, tls: tls(host: host, port: options.port),
                tickEvery: min(interval / 4, .seconds(1)), advertise: options.advertise)
            configuration.advertisesListener = options.advertisesListener
            let service = try GossipService(
                node: gossipNode,
                configuration: configuration,
                gate: gate, budget: budget, maxMessageBytes: gossip.limits.maxMessageBytes, logger: logger,
                onRunning: { port in
                    FileHandle.standardOutput.write(Data(announce.replacingOccurrences(of: "<port>", with: "\(port)").utf8))
                }
            )
            return (gossipNode, service)
        } catch let e as NodeError {
            throw e
        } catch {
            throw .data(ja: "ゴシップを開始できません (\(type(of: error)))。", en: "cannot start the gossip (\(type(of: error))).")
        }
    }
}
