import ArgumentParser
import Foundation
import Logging
import MibaraiCore
import MibaraiMembership
import MibaraiServer
import MibaraiStore
import Metrics
import Prometheus
import X509
import ServiceLifecycle
import MibaraiNode

extension Mibarai {
    /// `mibarai serve`: runs the node's listeners in one service group until SIGTERM or SIGINT:
    /// the local screening API, and the federation's mutual-TLS listener once the node has joined.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "ノードのサーバーを起動する / Run the node's servers (the local screening API and the federation listener).",
            discussion: """
            POST /v1/screen で注文を1件ずつ審査します (Protocol/screening-api.md)。認証は
            Authorization: Bearer <トークン>。トークンはデータディレクトリの api-token (初回に作成、0600)、
            または MIBARAI_API_TOKEN / --api-token-file。既定ではこのマシン (127.0.0.1) からのみ接続できます。
            POST /v1/screen screens one order (Protocol/screening-api.md), with Authorization: Bearer
            <token>: the data directory's api-token (made on first use, mode 0600), MIBARAI_API_TOKEN, or
            --api-token-file. Listens on 127.0.0.1 unless told otherwise. SIGTERM / SIGINT stop it gracefully.
            """
        )

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("api-host"), help: "待ち受けるアドレス / Address of the screening API (default: loopback).")
        var apiHost = "127.0.0.1"
        @Option(name: .customLong("api-port"), help: "ポート (0 で自動) / Port of the screening API (0: any free port).")
        var apiPort = 8722
        @Option(name: .customLong("api-token-file"), help: "トークンのファイル / File holding the bearer token (default: <data-dir>/api-token).")
        var apiTokenFile: String?
        @Option(name: .customLong("federation-host"), help: "連合の待ち受けアドレス (相互TLS) / Address of the federation listener (mutual TLS).")
        var federationHost = "0.0.0.0"
        @Option(name: .customLong("federation-port"), help: "連合のポート (0 で自動) / Port of the federation listener (0: any free port).")
        var federationPort = 7443
        @Flag(name: .customLong("no-federation"), help: "連合の待ち受けをしない / Do not start the federation listener.")
        var noFederation = false
        @Option(name: .customLong("gossip-host"), help: "ゴシップの待ち受けアドレス (既定: --federation-host) / Address of the gossip listener (default: --federation-host).")
        var gossipHost: String?
        @Option(name: .customLong("gossip-port"), help: "ゴシップのポート (相互TLS、0 で自動) / Port of the gossip listener (mutual TLS; 0: any free port).")
        var gossipPort = 7444
        @Option(name: .customLong("peer"), help: "最初に接続するノード 名前@ホスト:ポート (繰り返し可) / A node to reach at start, name@host:port (repeatable; adds to [federation] peers).")
        var peers: [String] = []
        @Option(name: .customLong("gossip-interval"), help: "ゴシップの間隔 (秒) / Seconds between gossip rounds (default: [federation] gossip_interval_seconds).")
        var gossipInterval: Double?
        @Option(name: .customLong("log-level"), help: "ログの詳しさ / Log level: error, warning, notice, info, debug.")
        var logLevel = "notice"
        @Option(name: .customLong("record-received-frames"), help: .hidden)
        var receivedFramesFile: String?

        func run() async throws {
            try await NodeError.guarded {
                guard (0...65_535).contains(apiPort) else {
                    throw NodeError.usage(ja: "--api-port は 0〜65535 です。", en: "--api-port must be 0 to 65535.")
                }
                let (node, console) = try global.openNode()
                // One serve per node; `mibarai restore` waits for none (it refuses while this is held).
                let serving = try node.directory.holdServeLock(for: Localized(ja: "もう一つ起動する", en: "start another"))
                defer { withExtendedLifetime(serving) {} }
                try node.purgeExpired()
                try node.purgeClosedCases()
                // Reports left under an older epoch (a re-blinding cut short) are blinded again.
                try node.reblindIfBehind()
                let token = try apiToken(node)
                let screener = try node.screener(now: Node.now())
                LoggingSystem.bootstrap(StreamLogHandler.standardError)
                var logger = Logger(label: "mibarai")
                guard let level = Logger.Level(rawValue: logLevel) else {
                    throw NodeError.usage(ja: "--log-level は error, warning, notice, info, debug のいずれかです。", en: "--log-level must be error, warning, notice, info or debug.")
                }
                logger.logLevel = level
                let host = apiHost
                if !["127.0.0.1", "::1", "localhost"].contains(host) {
                    console.say(
                        ja: "注意: 審査APIをこのマシンの外 (\(host)) に公開しています。TLS の終端とアクセス制限を前段で行ってください。",
                        en: "warning: the screening API listens beyond this machine (\(host)); put TLS and access control in front of it."
                    )
                }
                let registry = PrometheusCollectorRegistry()
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
                let budget = try connectionBudget(node, logger: logger)
                let app = ScreeningServer.application(
                    screener: screener, configuration: .init(host: host, port: apiPort, token: token),
                    now: { Node.now() }, logger: logger, metrics: { registry.emitToBuffer() }, budget: budget,
                    onRunning: { port in
                        FileHandle.standardOutput.write(Data("mibarai serve: screening API on http://\(host):\(port)/v1/screen\n".utf8))
                    }
                )
                // Epochs whose grace period is over retire at start and with each expiry pass.
                let expiry = ExpiryService(
                    database: node.database, today: { Node.todayInJapan() },
                    retireEpochs: {
                        let done = try node.on(Node.todayInJapan()).retireOldEpochs()
                        if !done.retired.isEmpty { screener.use(done.keyring) }
                        return done.dropped
                    },
                    logger: logger
                )
                var services: [any Service] = [app, expiry]
                services += try federationServices(node, console: console, screener: screener, budget: budget, logger: logger)
                let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                do {
                    try await group.run()
                } catch {
                    throw NodeError.software(ja: "サーバーが停止しました (\(type(of: error)))。ポートが使用中の可能性があります。",
                                            en: "the server stopped (\(type(of: error))); is the port already in use?")
                }
                FileHandle.standardOutput.write(Data("mibarai serve: stopped\n".utf8))
            }
        }

        /// The connections the node's listeners accept, shared out of its open-file limit (raised to
        /// the hard one first): `ConnectionShares.forFileLimit` has the formula. Printed in one line.
        /// A member whose limit is too low for its `max_connections` is refused here.
        private func connectionBudget(_ node: Node, logger: Logger) throws(NodeError) -> ConnectionBudget {
            let maxConnections = try gossipMaxConnections(node)
            let files = FileLimit.raised() ?? FileLimit.assumed
            let shares: ConnectionShares
            if let s = ConnectionShares.forFileLimit(files, maxConnections: maxConnections) {
                shares = s
            } else if let maxConnections {
                let needed = ConnectionShares.requiredFileLimit(maxConnections: maxConnections)
                throw .usage(
                    ja: "開けるファイル数の上限 (\(files)) が federation.max_connections (\(maxConnections)) に足りません。ulimit -n か systemd の LimitNOFILE を \(needed) 以上にするか、max_connections を減らしてください。",
                    en: "the open-file limit (\(files)) is too low for federation.max_connections (\(maxConnections)): raise ulimit -n or systemd's LimitNOFILE to \(needed) or more, or lower max_connections.")
            } else {
                shares = ConnectionShares(api: ConnectionShares.minimumAPI, members: 0, unverified: 0)
            }
            FileHandle.standardOutput.write(Data(
                "mibarai serve: connections: open-file limit \(files), \(ConnectionShares.reserve) reserved; \(shares)\n".utf8))
            return ConnectionBudget(shares: shares, logger: logger)
        }

        /// The gossip's `max_connections` by the node's role; nil when the node runs no federation listener.
        private func gossipMaxConnections(_ node: Node) throws(NodeError) -> Int? {
            guard !noFederation else { return nil }
            let files = NodeMembershipFiles(directory: node.directory.url)
            guard files.isMember else { return nil }
            let (me, _) = try files.member()
            return node.configuration.federation.maxConnections(as: me.role)
        }

        /// The mutual-TLS listener and the gossip, when this node has joined a federation
        /// (`mibarai node join`).
        private func federationServices(_ node: Node, console: Console, screener: OrderScreener, budget: ConnectionBudget, logger: Logger) throws(NodeError) -> [any Service] {
            guard !noFederation else { return [] }
            guard (0...65_535).contains(federationPort) else {
                throw .usage(ja: "--federation-port は 0〜65535 です。", en: "--federation-port must be 0 to 65535.")
            }
            let files = NodeMembershipFiles(directory: node.directory.url)
            guard files.isMember else {
                console.say(
                    ja: "連合に未参加のため、連合の待ち受けは起動しません (mibarai node csr → node join)。",
                    en: "not a federation member yet: no federation listener (mibarai node csr, then node join)."
                )
                return []
            }
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
            let host = federationHost
            let tls = FederationServer.Configuration(host: host, port: federationPort, certificatePEM: certPEM, privateKeyPEM: keyPEM, rootPEM: rootPEM)
            let listener: any Service
            do {
                listener = try FederationServer.application(
                    configuration: tls, gate: gate, me: me, budget: budget, logger: logger,
                    onRunning: { port in
                        FileHandle.standardOutput.write(Data("mibarai serve: federation listener on https://\(host):\(port)\n".utf8))
                    }
                )
            } catch {
                throw .data(ja: "連合の TLS 設定を作れません (証明書と鍵を確認)。", en: "cannot set up the federation's TLS (check the certificate and key).")
            }
            return [listener, try gossipService(node, me: me, operatorKey: operatorKey, tls: tls, gate: gate, screener: screener, budget: budget, logger: logger)]
        }

        /// The gossip (Protocol/federation.md) on its own mutual-TLS port.
        private func gossipService(
            _ node: Node, me: MemberCertificate, operatorKey: NodeID, tls: FederationServer.Configuration,
            gate: MemberGateBox, screener: OrderScreener, budget: ConnectionBudget, logger: Logger
        ) throws(NodeError) -> any Service {
            guard (0...65_535).contains(gossipPort) else {
                throw .usage(ja: "--gossip-port は 0〜65535 です。", en: "--gossip-port must be 0 to 65535.")
            }
            var seeds: [PeerSeed] = []
            for text in node.configuration.federation.peers + peers {
                guard let seed = PeerSeed(text) else {
                    throw .usage(ja: "接続先は 名前@ホスト:ポート で指定してください: \(text)", en: "a peer is name@host:port: \(text)")
                }
                seeds.append(seed)
            }
            let seconds = gossipInterval ?? node.configuration.federation.gossipIntervalSeconds
            guard seconds >= 0.05, seconds <= 3_600 else {
                throw .usage(ja: "ゴシップの間隔は 0.05〜3600 秒です。", en: "the gossip interval must be 0.05 to 3600 seconds.")
            }
            let interval = Duration.milliseconds(Int64(seconds * 1_000))
            // A hub relays what it receives at once; a shop leaves that to the next round. A hub
            // stays connected to its region; a shop to its hub and a few peers (the open-file
            // limit was checked against this in `connectionBudget`).
            let maxConnections = node.configuration.federation.maxConnections(as: me.role)
            let gossip = GossipConfiguration(interval: interval, maxConnections: maxConnections, relayPush: me.role == .hub)
            let signer = try NodeKeys.readNodeKey(node.directory.file(NodeKeys.nodeKeyFile))
            let (_, sealing) = try NodeMembershipFiles(directory: node.directory.url).keys()
            let host = gossipHost ?? federationHost
            do {
                let gossipNode = try GossipNode(
                    configuration: .init(name: node.configuration.nodeID, gossip: gossip, seeds: seeds,
                                         receivedFramesFile: receivedFramesFile.map { URL(fileURLWithPath: $0) }),
                    operator: operatorKey, signer: signer, sealingKey: sealing, database: node.database, gate: gate, logger: logger,
                    onEpochKey: { key in
                        // A newer epoch becomes the primary key, the screening API uses it at once,
                        // and the node's reports are blinded again (the gossip then publishes them).
                        if let adopted = try node.on(Node.todayInJapan()).adopt([key]) {
                            screener.use(adopted.keyring)
                            try adopted.reblindOwnReports()
                        }
                    }
                )
                return try GossipService(
                    node: gossipNode,
                    configuration: .init(host: host, port: gossipPort, tls: tls, tickEvery: min(interval / 4, .seconds(1)),
                                         advertise: node.configuration.federation.advertise),
                    gate: gate, budget: budget, maxMessageBytes: gossip.limits.maxMessageBytes, logger: logger,
                    onRunning: { port in
                        FileHandle.standardOutput.write(Data("mibarai serve: gossip on \(host):\(port)\n".utf8))
                    }
                )
            } catch let e as NodeError {
                throw e
            } catch {
                throw .data(ja: "ゴシップを開始できません (\(type(of: error)))。", en: "cannot start the gossip (\(type(of: error))).")
            }
        }

        /// `--api-token-file`, else `MIBARAI_API_TOKEN`, else the data directory's `api-token`.
        private func apiToken(_ node: Node) throws(NodeError) -> String {
            if let path = apiTokenFile {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw .noInput(ja: "トークンのファイルを読めません: \(path)", en: "cannot read the token file \(path)")
                }
                let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard t.count >= 16 else { throw .data(ja: "トークンが短すぎます (16文字以上)。", en: "the token is too short (16 characters at least).") }
                return t
            }
            if let t = global.environment["MIBARAI_API_TOKEN"], !t.isEmpty {
                guard t.count >= 16 else { throw .data(ja: "MIBARAI_API_TOKEN が短すぎます (16文字以上)。", en: "MIBARAI_API_TOKEN is too short (16 characters at least).") }
                return t
            }
            return try NodeSecrets.apiToken(in: node.directory.url)
        }
    }
}
