/// How a node gossips. Defaults are the protocol's recommendations (`Protocol/federation.md`).
public struct GossipConfiguration: Sendable, Hashable {
    /// Time between push-pull rounds (one exchange with one random peer each).
    public var interval: Duration
    /// Open connections at most; the least recently used is closed for a new one.
    public var maxConnections: Int
    /// Peers remembered at most (seeds and peer exchange).
    public var maxKnownPeers: Int
    /// Ask a connected peer for peers every this many rounds (0: never); every round while fewer
    /// than `minKnownPeers` are known.
    public var peerExchangeEvery: Int
    public var minKnownPeers: Int
    /// Prompt push: also pass on entries received from others (hubs), not only this node's own.
    public var relayPush: Bool
    /// Open exchanges with a root digest (`summary`). Off, an exchange starts with the whole vector:
    /// the naive mode the benchmark compares against.
    public var useDigests: Bool
    /// Inbound messages per second per peer, and the burst allowed.
    public var messagesPerSecond: Double
    public var messageBurst: Double
    /// Inbound bytes per second per peer, and the burst allowed.
    public var bytesPerSecond: Double
    public var byteBurst: Double
    /// Faults (rate limit, refused forgeries) before a peer is disconnected.
    public var maxStrikes: Int
    /// Protocol versions this node speaks.
    public var versions: ClosedRange<UInt8>
    /// Version 2: heads of the origins this node advanced last, named in each exchange it opens
    /// (`hinted_summary`, at most `GossipMessage.maxRecentHeads`).
    public var summaryHints: Int
    /// … and only heads this node came to within this many intervals: a node in sync names none.
    public var summaryHintRounds: Int
    /// Where this node listens, as told to peers (`host:port`).
    public var listenAddress: String
    /// A connection whose peer has not sent `hello` this long after it came up is closed.
    public var helloTimeout: Duration
    public var limits: FederationLimits

    /// `maxConnections` of a shop: its hub and the few peers a round picks. A shop's connections
    /// are mostly idle; more would only hold sockets.
    public static let shopMaxConnections = 16
    /// `maxConnections` of a hub: a connection to every member of its region, so a new report is
    /// pushed to each at once and no member's round evicts another's connection (which would cost
    /// both a new handshake next round). Each is a socket, idle most of the time; at worst a
    /// connection holds 8 frames in and 64 out (`InboundWindow`, `GossipNode.outboxFrames`), each
    /// at most `limits.maxMessageBytes`. `mibarai serve` raises its file limit to match.
    public static let hubMaxConnections = 512

    public init(
        interval: Duration = .seconds(10), maxConnections: Int = GossipConfiguration.shopMaxConnections, maxKnownPeers: Int = 4_096,
        peerExchangeEvery: Int = 30, minKnownPeers: Int = 32, relayPush: Bool = false, useDigests: Bool = true,
        messagesPerSecond: Double = 100, messageBurst: Double = 400,
        bytesPerSecond: Double = 8_388_608, byteBurst: Double = 16_777_216, maxStrikes: Int = 3,
        versions: ClosedRange<UInt8> = 1...5, summaryHints: Int = 4, summaryHintRounds: Int = 2, listenAddress: String = "",
        limits: FederationLimits = .standard, helloTimeout: Duration = .seconds(10)
    ) {
        self.interval = interval
        self.maxConnections = maxConnections
        self.maxKnownPeers = maxKnownPeers
        self.peerExchangeEvery = peerExchangeEvery
        self.minKnownPeers = minKnownPeers
        self.relayPush = relayPush
        self.useDigests = useDigests
        self.messagesPerSecond = messagesPerSecond
        self.messageBurst = messageBurst
        self.bytesPerSecond = bytesPerSecond
        self.byteBurst = byteBurst
        self.maxStrikes = maxStrikes
        self.versions = versions
        self.summaryHints = min(max(0, summaryHints), GossipMessage.maxRecentHeads)
        self.summaryHintRounds = max(0, summaryHintRounds)
        self.listenAddress = listenAddress
        self.limits = limits
        self.helloTimeout = helloTimeout
    }
}
