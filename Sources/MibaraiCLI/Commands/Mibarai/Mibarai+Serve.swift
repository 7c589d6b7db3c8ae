import ArgumentParser
import Foundation
import Logging
import MibaraiCore
import MibaraiMembership
import MibaraiServer
import MibaraiWeb
import MibaraiStore
import Metrics
import Prometheus
import X509
import NIOSSL
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
        @Option(name: .customLong("api-tls-cert"), help: "HTTPS の証明書 (PEM、--api-tls-key と) / Serve the API and the web page over HTTPS with this certificate chain (PEM; with --api-tls-key).")
        var apiTLSCert: String?
        @Option(name: .customLong("api-tls-key"), help: "HTTPS の秘密鍵 (PEM) / The certificate's private key (PEM).")
        var apiTLSKey: String?
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
                let screener = try node.screener(now: Node.now(), hubs: try FederationMembership.hubClient(node))
                LoggingSystem.bootstrap(StreamLogHandler.standardError)
                var logger = Logger(label: "mibarai")
                guard let level = Logger.Level(rawValue: logLevel) else {
                    throw NodeError.usage(ja: "--log-level は error, warning, notice, info, debug のいずれかです。", en: "--log-level must be error, warning, notice, info or debug.")
                }
                logger.logLevel = level
                let host = apiHost
                if !Self.isLoopback(host), apiTLSCert == nil {
                    console.say(
                        ja: "注意: 審査APIをこのマシンの外 (\(host)) に暗号化なしで公開しています。--api-tls-cert と --api-tls-key で HTTPS にするか、TLS の終端とアクセス制限を前段で行ってください。",
                        en: "warning: the screening API listens beyond this machine (\(host)) unencrypted: serve HTTPS with --api-tls-cert and --api-tls-key, or put TLS and access control in front of it."
                    )
                }
                let registry = PrometheusCollectorRegistry()
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
                let budget = try connectionBudget(node, logger: logger)
                let tls = try apiTLS()
                let scheme = tls == nil ? "http" : "https"
                let web = try webPage(node, screener: screener, host: host, tls: tls, console: console, logger: logger)
                var apiConfiguration = ScreeningServer.Configuration(host: host, port: apiPort, token: token)
                apiConfiguration.tls = tls?.configuration
                let app: any Service
                do {
                    app = try ScreeningServer.application(
                    screener: screener, configuration: apiConfiguration,
                    now: { Node.now() }, logger: logger, metrics: { registry.emitToBuffer() }, budget: budget,
                    pages: web.map { face in { face.addRoutes(to: $0) } },
                    onRunning: { port in
                        web?.listening(on: port)
                        let shown = host.contains(":") ? "[\(host)]" : host
                        FileHandle.standardOutput.write(Data("mibarai serve: screening API on \(scheme)://\(shown):\(port)/v1/screen\n".utf8))
                        if web != nil { FileHandle.standardOutput.write(Data("mibarai serve: web page on \(scheme)://\(shown):\(port)/\n".utf8)) }
                    }
                    )
                } catch {
                    throw NodeError.data(ja: "HTTPS を設定できません (証明書と秘密鍵を確認してください)。", en: "cannot set up HTTPS (check the certificate and the key).")
                }
                // Epochs whose grace period is over retire at start and with each expiry pass.
                let expiry = ExpiryService(
                    database: node.database, today: { Node.todayInJapan() },
                    retireEpochs: {
                        let done = try node.on(Node.todayInJapan()).retireOldEpochs()
                        if !done.retired.isEmpty { screener.use(done.keyring) }
                        return done.dropped
                    },
                    purgeAudit: { try node.purgeLookupAudit() },
                    logger: logger
                )
                var services: [any Service] = [app, expiry]
                services += try federationServices(node, console: console, screener: screener, budget: budget, web: web, logger: logger)
                // What was said above (console lines) is out before the server runs.
                fflush(nil)  // every output stream
                let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                do {
                    try await group.run()
                } catch {
                    throw NodeError.software(ja: "サーバーが停止しました (\(type(of: error)))。ポートが使用中の可能性があります。",
                                            en: "the server stopped (\(type(of: error))); is the port already in use?")
                }
                // Nothing is left in the write-ahead log after a clean stop: a copy of the data
                // directory is then its database file alone, and a hub's file holds no stale pages.
                if (try? node.database.truncateWAL()) != true {
                    logger.notice("serve: the write-ahead log could not be emptied at stop; SQLite folds it in at the next start")
                }
                FileHandle.standardOutput.write(Data("mibarai serve: stopped\n".utf8))
            }
        }

        /// The shop owner's web page on the API's listener, when it listens on this machine only:
        /// the page is plain HTTP, so on any other address its password and cookie would cross the
        /// network in the clear. Said once at start either way.
        private func webPage(_ node: Node, screener: OrderScreener, host: String, tls: APITLS?, console: Console, logger: Logger) throws(NodeError) -> WebFace? {
            guard Self.isLoopback(host) || tls != nil else {
                console.say(
                    ja: "ウェブページは開きません: \(host) で暗号化なしに待ち受けると、パスワードとログインの情報がそのままネットワークを流れるためです。このマシンから使うなら --api-host 127.0.0.1、ほかのマシンから使うなら --api-tls-cert と --api-tls-key で HTTPS にしてください。",
                    en: "the web page is off: listening on \(host) unencrypted, its password and sign-in would cross the network in the clear. Use --api-host 127.0.0.1 from this machine, or HTTPS (--api-tls-cert and --api-tls-key) from others."
                )
                return nil
            }
            if try node.directory.webPassword() == nil {
                console.say(
                    ja: "ウェブページのパスワードが未設定です: `mibarai web password` で設定してください。",
                    en: "the web page has no password yet: set one with `mibarai web password`."
                )
            }
            var configuration = WebFace.Configuration(host: host, secure: tls != nil)
            configuration.hostNames = tls?.names ?? []
            return try WebFace(node: node, screener: screener, configuration: configuration, logger: logger)
        }

        static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }

        /// The API's HTTPS: its settings, and the names its certificate is for (the web page
        /// answers to those in the Host header).
        struct APITLS {
            var configuration: TLSConfiguration
            var names: [String]
        }

        /// `--api-tls-cert` and `--api-tls-key`, both or neither.
        private func apiTLS() throws(NodeError) -> APITLS? {
            guard apiTLSCert != nil || apiTLSKey != nil else { return nil }
            guard let certPath = apiTLSCert, let keyPath = apiTLSKey else {
                throw .usage(ja: "--api-tls-cert と --api-tls-key は両方指定してください。", en: "give both --api-tls-cert and --api-tls-key.")
            }
            guard let certPEM = try? String(contentsOfFile: certPath, encoding: .utf8) else {
                throw .noInput(ja: "証明書を読めません: \(certPath)", en: "cannot read the certificate \(certPath)")
            }
            guard let keyPEM = try? String(contentsOfFile: keyPath, encoding: .utf8) else {
                throw .noInput(ja: "秘密鍵を読めません: \(keyPath)", en: "cannot read the private key \(keyPath)")
            }
            let configuration: TLSConfiguration
            do { configuration = try ScreeningServer.tls(certificatePEM: certPEM, privateKeyPEM: keyPEM) } catch {
                throw .data(ja: "証明書か秘密鍵が PEM として読めません: \(certPath), \(keyPath)", en: "the certificate or the key is not readable PEM: \(certPath), \(keyPath)")
            }
            var names: [String] = []
            if let leaf = try? Certificate(pemEncoded: certPEM),
               let san = try? leaf.extensions.subjectAlternativeNames {
                for name in san {
                    switch name {
                    case .dnsName(let dns): names.append(dns.lowercased())
                    case .ipAddress(let bytes):
                        let b = Array(bytes.bytes)
                        if b.count == 4 { names.append(b.map(String.init).joined(separator: ".")) }
                    default: break
                    }
                }
            }
            return APITLS(configuration: configuration, names: names)
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
        private func federationServices(_ node: Node, console: Console, screener: OrderScreener, budget: ConnectionBudget, web: WebFace?,
                                        logger: Logger) throws(NodeError) -> [any Service] {
            guard !noFederation else { return [] }
            guard (0...65_535).contains(federationPort) else {
                throw .usage(ja: "--federation-port は 0〜65535 です。", en: "--federation-port must be 0 to 65535.")
            }
            guard let membership = try FederationMembership.read(node) else {
                console.say(
                    ja: "連合に未参加のため、連合の待ち受けは起動しません (mibarai node csr → node join)。",
                    en: "not a federation member yet: no federation listener (mibarai node csr, then node join)."
                )
                return []
            }
            let host = federationHost
            // A hub answers shops' lookups within their quotas and keeps an audit (Protocol/hub-api.md);
            // a shop's listener has no such route.
            let quotas = membership.me.role == .hub ? HubQuotas() : nil
            let hub = quotas.map { quotas in
                HubEndpoints(
                    lookup: { request, member in try await node.answerHubLookup(request, from: member, quotas: quotas) },
                    audit: { member, days in try node.hubAudit(of: member, days: days) })
            }
            let listener: any Service
            do {
                listener = try FederationServer.application(
                    configuration: membership.tls(host: host, port: federationPort), gate: membership.gate, me: membership.me,
                    budget: budget, logger: logger,
                    hub: hub,
                    onRunning: { port in
                        FileHandle.standardOutput.write(Data("mibarai serve: federation listener on https://\(host):\(port)\n".utf8))
                    }
                )
            } catch {
                throw .data(ja: "連合の TLS 設定を作れません (証明書と鍵を確認)。", en: "cannot set up the federation's TLS (check the certificate and key).")
            }
            // The gossip (Protocol/federation.md) on its own mutual-TLS port.
            let gossipHost = self.gossipHost ?? federationHost
            let options = FederationMembership.GossipOptions(
                host: gossipHost, port: gossipPort, peers: node.configuration.federation.peers + peers,
                intervalSeconds: gossipInterval ?? node.configuration.federation.gossipIntervalSeconds,
                advertise: node.configuration.federation.advertise, receivedFramesFile: receivedFramesFile,
                announce: "mibarai serve: gossip on \(gossipHost):<port>\n"
            )
            let (gossipNode, gossip) = try membership.gossip(node, options: options, screener: screener, budget: budget, logger: logger, quotas: quotas)
            web?.watchNetwork {
                let (peers, members, caughtUp) = await gossipNode.networkSummary()
                return NetworkStatus(peersConnected: peers, members: members, caughtUp: caughtUp)
            }
            return [listener, gossip]
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
