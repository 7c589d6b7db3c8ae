/// Push-pull anti-entropy over version vectors, prompt push, peer exchange and per-peer limits,
/// without I/O: each event method returns the actions the caller performs (connect, send, store,
/// disconnect). Time and randomness are passed in.
///
/// An exchange (initiator A, responder B), `Protocol/federation.md` "Exchange":
/// A `summary(root)` → B `inSync` when the roots match, else `buckets(64 short digests)` → A
/// `want(its heads in differing buckets)` → B `delta(its heads where it is behind, entries A lacks)`
/// → A `entries(what B lacks)`. In version 2 A opens with `hintedSummary(root, its last changed
/// heads)`, and B answers with the `delta` at once when that tells it A's vector exactly.
public struct GossipStateMachine: Sendable {
    public let me: NodeID
    public var configuration: GossipConfiguration

    struct KnownPeer: Sendable {
        var address: String
    }

    enum Exchange: Sendable, Hashable {
        case idle
        /// Connected, waiting for hello to finish before the exchange starts.
        case pending
        case awaitingSummaryAnswer
        case awaitingDelta(buckets: UInt64)
    }

    struct Connection: Sendable {
        var outbound: Bool
        /// When the connection came up: its peer's `hello` is due within `helloTimeout`.
        var opened: Duration
        var version: UInt8?
        var peerMaxMessageBytes: Int
        var peerMaxEntries: Int
        var exchange: Exchange = .idle
        /// When the current exchange started: one unanswered for three intervals is dropped.
        var exchangeStarted: Duration = .zero
        var messages: TokenBucket
        var bytes: TokenBucket
        var strikes = 0
        var lastUsed: Duration
        /// The last delta from this peer was full: pull again once it is stored (`resume`).
        var pullAgain = false
        /// This node has pulled a full delta from this peer, and no answer has ended the pull yet
        /// (`GossipAction.pullEnded`).
        var pulling = false
        /// This node's own head when it sent its open summary: an `in_sync` answer says the peer
        /// held that much of this node's log.
        var summaryOwnHead: UInt64 = 0

        /// A delta with this mask answers this node's open exchange: its `want`, or in version 2
        /// its `hinted_summary` (the responder chose the mask).
        func awaitsDelta(mask: UInt64) -> Bool {
            switch exchange {
            case .awaitingDelta(let asked): asked == mask
            case .awaitingSummaryAnswer: (version ?? 1) >= 2 && mask != 0
            case .idle, .pending: false
            }
        }
    }

    var known: [NodeID: KnownPeer] = [:]
    /// Per peer, the origins exchanged with it when not every one (`ReplicaScope`): its summaries,
    /// deltas and pushes cover these only, and entries of other origins from it are dropped unread.
    public internal(set) var scopes: [NodeID: Set<NodeID>] = [:]
    var knownList: [NodeID] = []
    var connections: [NodeID: Connection] = [:]
    var nextRound: Duration?
    var rounds = 0
    var answerCursor = 0

    struct SeenHead: Sendable {
        var seq: UInt64
        var at: Duration
    }

    /// Per origin of the source's recent steps: its head, and when this node first saw it.
    var headSeen: [NodeID: SeenHead] = [:]

    /// Peers with which an exchange this node opened has ended with this node holding everything
    /// the peer holds (their `in_sync`, or a delta that was not full, once its entries are
    /// stored), since the machine started. A node that may have lost the end of its own log
    /// signs nothing new until one peer is here: it then holds its own entries that peer had.
    public private(set) var caughtUp: Set<NodeID> = []
    /// Exchanges this node opened that ended with the peer answering `in_sync`: both held the
    /// same log at that moment, this node's own entries included.
    public private(set) var inSyncAnswers = 0
    /// The highest head of this node's own log that a peer is known to hold: the head this node
    /// had when it sent a summary a peer answered `in_sync` (`mibarai sync` waits until it is the
    /// node's own head).
    public private(set) var ownHeadHeldByAPeer: UInt64 = 0

    public init(me: NodeID, configuration: GossipConfiguration = GossipConfiguration(), seeds: [PeerInfo] = []) {
        self.me = me
        self.configuration = configuration
        for s in seeds { learn(s) }
    }

    // MARK: Queries

    public var knownPeers: [PeerInfo] { knownList.map { PeerInfo(id: $0, address: known[$0]?.address ?? "") } }
    public var connectedPeers: [NodeID] { connections.keys.sorted() }
    public func isReady(_ peer: NodeID) -> Bool { connections[peer]?.version != nil }
    public func negotiatedVersion(with peer: NodeID) -> UInt8? { connections[peer]?.version }
    public var completedRounds: Int { rounds }

    // MARK: Events

    /// Call often (at least every `interval`). Starts a round when one is due: one exchange with a
    /// random known peer, connecting first if needed; every `peerExchangeEvery` rounds also asks
    /// a connected peer for peers.
    /// Also closes connections whose peer has not sent `hello` within `helloTimeout`.
    public mutating func tick(now: Duration, source: some GossipSource, random: inout some RandomNumberGenerator) -> [GossipAction] {
        observeSteps(source, now: now)
        var actions = closeSilent(now: now)
        if let due = nextRound, now < due { return actions }
        nextRound = now + configuration.interval
        rounds += 1
        let every = knownList.count < configuration.minKnownPeers ? 1 : configuration.peerExchangeEvery
        if every > 0, rounds % every == 1 % every,
           let p = connections.keys.filter({ isReady($0) }).sorted().randomElement(using: &random) {
            actions.append(.send(.getPeers, to: p))
        }
        guard let peer = knownList.randomElement(using: &random) else { return actions }
        if var c = connections[peer] {
            if c.exchange != .idle, now - c.exchangeStarted > configuration.interval * 3 { c.exchange = .idle }
            guard c.exchange == .idle else { return actions }
            c.lastUsed = now
            c.exchangeStarted = now
            if c.version == nil {
                c.exchange = .pending
                connections[peer] = c
            } else {
                connections[peer] = c
                actions.append(startScopedExchange(with: peer, now: now, source: source))
            }
        } else {
            actions.append(.connect(peer, address: known[peer]?.address ?? ""))
        }
        return actions
    }

    /// The `hello` this node sends first on every connection. It depends on the configuration
    /// only, so a transport may send it itself the moment a connection is up (`connected`,
    /// `greeted`).
    public var greeting: GossipMessage {
        let limits = configuration.limits
        return .hello(GossipMessage.Hello(
            minVersion: configuration.versions.lowerBound, maxVersion: configuration.versions.upperBound,
            maxMessageBytes: UInt32(limits.maxMessageBytes), maxEntriesPerMessage: UInt16(min(limits.maxEntriesPerMessage, 65_535)),
            listenAddress: configuration.listenAddress))
    }

    /// A connection is up (after mutual TLS, with the peer's verified node id). Outbound
    /// connections were asked for by `.connect`; an exchange starts once both hellos are in.
    /// Sends `greeting`, unless `greeted` says the transport has sent it already.
    public mutating func connected(_ peer: NodeID, outbound: Bool, now: Duration, greeted: Bool = false) -> [GossipAction] {
        var actions: [GossipAction] = []
        if connections[peer] == nil, connections.count >= configuration.maxConnections,
           let lru = connections.filter({ $0.value.exchange == .idle })
               .min(by: { ($0.value.lastUsed, $0.key) < ($1.value.lastUsed, $1.key) })?.key {
            connections[lru] = nil
            actions.append(.disconnect(lru, reason: .closing))
        }
        let limits = configuration.limits
        connections[peer] = Connection(
            outbound: outbound, opened: now, version: nil, peerMaxMessageBytes: limits.maxMessageBytes,
            peerMaxEntries: limits.maxEntriesPerMessage, exchange: outbound ? .pending : .idle,
            messages: TokenBucket(capacity: configuration.messageBurst, perSecond: configuration.messagesPerSecond, now: now),
            bytes: TokenBucket(capacity: configuration.byteBurst, perSecond: configuration.bytesPerSecond, now: now),
            lastUsed: now)
        connections[peer]?.exchangeStarted = now
        if !greeted { actions.append(.send(greeting, to: peer)) }
        return actions
    }

    /// A peer learnt outside gossip (a configured seed whose node id became known later).
    public mutating func learned(_ peer: PeerInfo) {
        learn(peer)
    }

    public mutating func disconnected(_ peer: NodeID) {
        connections[peer] = nil
        scopes[peer] = nil
    }

    /// A frame arrived: its code and payload (the caller has read the 4-byte length and refused
    /// the frame unread if it exceeded `limits.maxMessageBytes`; checked again here). Applies the
    /// rate limits, decodes, and handles the message.
    public mutating func received(frame: [UInt8], from peer: NodeID, now: Duration, source: some GossipSource) -> [GossipAction] {
        guard var c = connections[peer] else { return [] }
        let limits = configuration.limits
        guard frame.count <= limits.maxMessageBytes else {
            connections[peer] = nil
            return [.send(.error(.tooLarge, detail: 0), to: peer), .disconnect(peer, reason: .tooLarge)]
        }
        // A delta answering this node's own want was asked for (one per want, within the size
        // this node set): it costs a message but not byte budget, so pulling a large log is not
        // throttled by the limit meant for unasked traffic.
        // In version 2 a delta may answer this node's `hinted_summary` the same way.
        var asked = false
        if frame.count >= 9, frame[0] == GossipMessage.Code.delta.rawValue {
            asked = c.awaitsDelta(mask: frame[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
        guard c.messages.take(1, now: now), asked || c.bytes.take(Double(frame.count + 4), now: now) else {
            c.strikes += 1
            connections[peer] = c
            return strike(peer, code: .rateLimited)
        }
        c.lastUsed = now
        connections[peer] = c
        let message: GossipMessage
        do throws(WireError) {
            message = try GossipMessage.decode(body: frame, limits: limits)
        } catch {
            connections[peer] = nil
            let code: GossipErrorCode = error.isTooLarge ? .tooLarge : .malformed
            return [.send(.error(code, detail: 0), to: peer), .disconnect(peer, reason: code)]
        }
        if let scope = scopes[peer] { return handle(message, from: peer, now: now, source: ScopedGossipSource(base: source, origins: scope)) }
        return handle(message, from: peer, now: now, source: source)
    }

    /// Closes the connections whose peer has not sent `hello` within `helloTimeout` of coming
    /// up (nothing is sent: the peer has not shown it speaks the protocol).
    private mutating func closeSilent(now: Duration) -> [GossipAction] {
        let silent = connections.filter { $0.value.version == nil && now - $0.value.opened > configuration.helloTimeout }.keys.sorted()
        for peer in silent { connections[peer] = nil }
        return silent.map { .disconnect($0, reason: .unexpectedMessage) }
    }

    // MARK: Handling

    private mutating func handle(_ message: GossipMessage, from peer: NodeID, now: Duration, source: some GossipSource) -> [GossipAction] {
        guard var c = connections[peer] else { return [] }
        if case .hello(let h) = message {
            let low = max(h.minVersion, configuration.versions.lowerBound)
            let high = min(h.maxVersion, configuration.versions.upperBound)
            guard low <= high else {
                connections[peer] = nil
                return [.send(.error(.unsupportedVersion, detail: configuration.versions.upperBound), to: peer),
                        .disconnect(peer, reason: .unsupportedVersion)]
            }
            c.version = high
            c.peerMaxMessageBytes = min(Int(h.maxMessageBytes), configuration.limits.maxMessageBytes)
            c.peerMaxEntries = max(1, min(Int(h.maxEntriesPerMessage), configuration.limits.maxEntriesPerMessage))
            if !h.listenAddress.isEmpty { learn(PeerInfo(id: peer, address: h.listenAddress)) }
            connections[peer] = c
            if c.exchange == .pending { return [startExchange(with: peer, now: now, source: source)] }
            return []
        }
        guard c.version != nil else {
            c.strikes += 1
            connections[peer] = c
            return strike(peer, code: .unexpectedMessage)
        }
        switch message {
        case .hello:
            return []
        case .summary(let root, _):
            return [.send(root == source.rootDigest ? .inSync : .buckets(Self.short(source.bucketDigests)), to: peer)]
        case .hintedSummary(let root, let total, let recent):
            guard let v = c.version, v >= 2 else {
                c.strikes += 1
                connections[peer] = c
                return strike(peer, code: .unexpectedMessage)
            }
            if root == source.rootDigest { return [.send(.inSync, to: peer)] }
            // Their vector is one of this node's recent ones, give or take the heads they name:
            // what differs is known exactly, so the delta goes at once.
            if let theirs = source.peerVector(root: root, entries: total, recent: recent) {
                return [.send(directDelta(to: theirs, connection: c, source: source), to: peer)]
            }
            return [.send(.buckets(Self.short(source.bucketDigests)), to: peer)]
        case .inSync:
            // The answer to the exchange that followed a full delta: the pull is over.
            let ended = c.pulling && c.exchange == .awaitingSummaryAnswer
            if c.exchange == .awaitingSummaryAnswer {
                if holdsMyLog(peer) { caughtUp.insert(peer) }
                inSyncAnswers += 1
                ownHeadHeldByAPeer = max(ownHeadHeldByAPeer, c.summaryOwnHead)
            }
            finish(peer)
            guard ended else { return [] }
            connections[peer]?.pulling = false
            return [.pullEnded(peer)]
        case .buckets(let theirs):
            guard c.exchange == .awaitingSummaryAnswer else { return [] }
            let mine = Self.short(source.bucketDigests)
            var mask: UInt64 = 0
            for i in 0..<VersionVector.bucketCount where mine[i] != theirs[i] { mask |= 1 << UInt64(i) }
            // The roots differ (else the answer were in_sync) but every short digest matches: a
            // collision. Compare every bucket.
            if mask == 0 { mask = .max }
            c.exchange = .awaitingDelta(buckets: mask)
            connections[peer] = c
            return [.send(.want(buckets: mask, heads: numbered(source.vector.restricted(toBuckets: mask), source: source)), to: peer)]
        case .want(let mask, let heads):
            // Their heads, resolved; numbers this node cannot resolve name origins it cannot take yet.
            var theirs = VersionVector()
            for h in heads {
                if let o = source.member(number: h.member), mask & (1 << UInt64(o.bucket)) != 0 { theirs[o] = h.seq }
            }
            let mine = source.vector
            var behind: [NumberedHead] = []
            for h in heads {
                if let o = source.member(number: h.member), theirs[o] == h.seq, mine[o] < h.seq {
                    behind.append(NumberedHead(member: h.member, seq: mine[o]))
                }
            }
            return [.send(delta(buckets: mask, theirs: theirs, behind: behind, connection: c, source: source), to: peer)]
        case .delta(let mask, let behind, let received):
            let entries = inScope(received, of: peer)
            var actions: [GossipAction] = entries.isEmpty ? [] : [.store(entries, from: peer)]
            guard c.awaitsDelta(mask: mask) else { return actions }
            finish(peer)
            // A full delta means the peer holds more: a new node pulling a hub's log goes on at
            // once instead of waiting a round per message.
            let limits = configuration.limits
            let bytes = entries.reduce(0) { $0 + GossipMessage.listBytes(of: $1) }
            let full = entries.count >= limits.maxEntriesPerMessage || bytes > limits.maxMessageBytes - limits.maxEntryBytes - 64
            connections[peer]?.pullAgain = full
            connections[peer]?.pulling = full
            // They hold what this node holds in the masked buckets, except where they say they are behind.
            var theirs = source.vector.restricted(toBuckets: mask)
            for h in behind {
                if let o = source.member(number: h.member) { theirs[o] = h.seq }
            }
            let back = source.entries(missingFrom: theirs, buckets: mask, limit: c.peerMaxEntries)
            actions += chunked(back, to: peer, source: source).prefix(1).map { .send(.entries($0), to: peer) }
            if c.pulling && !full { actions.append(.pullEnded(peer)) }
            if !full, holdsMyLog(peer) { caughtUp.insert(peer) }
            return actions
        case .entries(let received):
            let entries = inScope(received, of: peer)
            return entries.isEmpty ? [] : [.store(entries, from: peer)]
        case .getPeers:
            return [.send(.peers(peerSample(excluding: peer)), to: peer)]
        case .peers(let list):
            for p in list { learn(p, firstHand: false) }
            return []
        case .equivocation(let proof):
            // Out of the peer's scope, a proof is dropped unread, as an entry would be.
            if let scope = scopes[peer], !scope.contains(proof.origin) { return [] }
            return [.acceptProof(proof, from: peer)]
        case .error:
            if c.exchange != .idle { finish(peer) }
            return []
        }
    }

}
