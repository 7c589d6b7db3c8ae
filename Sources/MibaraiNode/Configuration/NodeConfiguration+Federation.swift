import MibaraiCore
import MibaraiMembership

extension NodeConfiguration {
    /// `[federation]`: how `mibarai serve` takes part in the gossip once the node has joined.
    public struct FederationSettings: Sendable, Equatable {
        /// `peers`: nodes to reach at start, `name@host:port` (usually the region's hub). Others
        /// are learnt from them.
        public var peers: [String] = []
        /// `gossip_interval_seconds`: seconds between anti-entropy rounds. New reports are pushed
        /// to connected peers at once; the rounds repair whatever a push missed.
        public var gossipIntervalSeconds: Double = 10
        /// `advertise`: `host:port` where other nodes reach this node's gossip (its public name and
        /// port); empty when it listens on a specific address they can reach as is, or only dials out.
        public var advertise: String = ""
        /// `epoch_grace_days`: days after this node makes a new epoch its primary during which it
        /// still matches other members' records blinded under the older epochs (members that were
        /// offline when the key came publish theirs again when they return). After that the older
        /// epochs retire: no lookup tokens under them, and those records are dropped here.
        public var epochGraceDays: Int = 30
        /// `max_connections`: gossip connections this node keeps open at most (a new one closes the
        /// least recently used idle one). 0: by role, 16 for a shop and 512 for a hub
        /// (`GossipConfiguration.shopMaxConnections`, `.hubMaxConnections`).
        public var maxConnections: Int = 0
        /// `hubs`: where this shop looks up other shops' records when the federation's policy is
        /// `replicas = "hubs"`: `name@host:port` of each hub's federation listener (mutual TLS,
        /// `Protocol/hub-api.md`), tried in order; the next is asked when one fails.
        public var hubs: [String] = []
        /// `audit_retention_days`: how long a hub keeps its record of members' lookups, and a shop
        /// its record of what it asked the hubs (`Protocol/hub-api.md`, "Audit").
        public var auditRetentionDays: Int = 180

        public init() {}

        /// `max_connections`, or the default of `role` when it is 0.
        public func maxConnections(as role: MemberRole) -> Int {
            if maxConnections > 0 { return maxConnections }
            return role == .hub ? GossipConfiguration.hubMaxConnections : GossipConfiguration.shopMaxConnections
        }
    }

    struct FederationSection: Decodable {
        /// A TOML number written with or without a fraction (`10` or `0.5`).
        struct Seconds: Decodable {
            var value: Double

            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let i = try? c.decode(Int.self) { value = Double(i) } else { value = try c.decode(Double.self) }
            }
        }

        var peers: [String]?
        var gossip_interval_seconds: Seconds?
        var advertise: String?
        var epoch_grace_days: Int?
        var max_connections: Int?
        var hubs: [String]?
        var audit_retention_days: Int?

        func settings() throws(NodeError) -> FederationSettings {
            var s = FederationSettings()
            for p in peers ?? [] {
                guard PeerSeed(p) != nil else {
                    throw .data(ja: "federation.peers は 名前@ホスト:ポート で書いてください: \(p)", en: "federation.peers entries are name@host:port: \(p)")
                }
            }
            s.peers = peers ?? []
            for h in hubs ?? [] {
                guard PeerSeed(h) != nil else {
                    throw .data(ja: "federation.hubs は 名前@ホスト:ポート で書いてください: \(h)", en: "federation.hubs entries are name@host:port: \(h)")
                }
            }
            s.hubs = hubs ?? []
            if let d = audit_retention_days {
                guard (1...3_650).contains(d) else {
                    throw .data(ja: "federation.audit_retention_days は 1〜3650 です。", en: "federation.audit_retention_days must be 1 to 3650.")
                }
                s.auditRetentionDays = d
            }
            if let i = gossip_interval_seconds?.value {
                guard i >= 0.05, i <= 3_600 else {
                    throw .data(ja: "federation.gossip_interval_seconds は 0.05〜3600 です。", en: "federation.gossip_interval_seconds must be 0.05 to 3600.")
                }
                s.gossipIntervalSeconds = i
            }
            if let a = advertise, !a.isEmpty {
                guard PeerSeed("x@" + a) != nil else {
                    throw .data(ja: "federation.advertise は ホスト:ポート で書いてください: \(a)", en: "federation.advertise is host:port: \(a)")
                }
                s.advertise = a
            }
            if let g = epoch_grace_days {
                guard (0...3_650).contains(g) else {
                    throw .data(ja: "federation.epoch_grace_days は 0〜3650 です。", en: "federation.epoch_grace_days must be 0 to 3650.")
                }
                s.epochGraceDays = g
            }
            if let m = max_connections {
                guard (0...65_536).contains(m) else {
                    throw .data(ja: "federation.max_connections は 0〜65536 です (0 は役割の既定値)。",
                                en: "federation.max_connections must be 0 to 65536 (0: the role's default).")
                }
                s.maxConnections = m
            }
            return s
        }
    }

    static let federationTemplate = """
    # 連合 (mibarai node join の後に mibarai serve が使う) / The federation, used by mibarai serve once the node has joined.
    [federation]
    # 起動時に接続するノード (通常は地域のハブ)。ほかのノードはそこから知ります。
    # Nodes to reach at start (usually the region's hub), name@host:port; others are learnt from them.
    peers = []
    # ゴシップの間隔 (秒)。新しい報告は接続中の相手へすぐ送り、この間隔の照合で漏れを埋めます。
    # Seconds between gossip rounds. New reports are pushed to connected peers at once; the rounds repair what a push missed.
    gossip_interval_seconds = 10
    # ほかのノードがこのノードのゴシップに接続する ホスト:ポート (公開名)。0.0.0.0 で待ち受けるハブは指定してください。
    # host:port other nodes dial to reach this node's gossip (its public name); set it on a hub listening on 0.0.0.0.
    advertise = ""
    # 新しいエポックの鍵を使い始めてから、古いエポックで照合を続ける日数。その後、古いエポックの他店の記録は消えます。
    # Days after a new epoch's key arrives during which other members' records under older epochs still match; then they age out.
    epoch_grace_days = 30
    # ゴシップの同時接続数の上限。0 は役割の既定値 (店舗 16、ハブ 512: 地域の全店舗とつながったままにします)。
    # Gossip connections kept open at most; 0: the role's default (16 for a shop, 512 for a hub, which stays connected to its whole region).
    max_connections = 0
    # 連合の方針が replicas = "hubs" のとき、他店の報告を照会するハブの連合ポート (名前@ホスト:ポート、順に試します)。
    # Under replicas = "hubs": the hubs' federation listeners where other shops' reports are looked up, name@host:port, tried in order.
    hubs = []
    # ハブ: 参加者の照会の記録を、店舗: 自店がハブに照会した記録を、残す日数。
    # Days a hub keeps its record of members' lookups, and a shop its record of what it asked the hubs.
    audit_retention_days = 180
    """
}
