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

    private var known: [NodeID: KnownPeer] = [:]
    private var knownList: [NodeID] = []
    private var connections: [NodeID: Connection] = [:]
    private var nextRound: Duration?
    private var rounds = 0
    private var answerCursor = 0

    struct SeenHead: Sendable {
        var seq: UInt64
        var at: Duration
    }

    /// Per origin of the source's recent steps: its head, and when this node first saw it.
    private var headSeen: [NodeID: SeenHead] = [:]

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
    public mutating func tick(now: Duration, source: some GossipSource, random: inout some RandomNumberGenerator) -> [GossipAction] {
        observeSteps(source, now: now)
        if let due = nextRound, now < due { return [] }
        nextRound = now + configuration.interval
        rounds += 1
        var actions: [GossipAction] = []
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
                actions.append(startExchange(with: peer, now: now, source: source))
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
            outbound: outbound, version: nil, peerMaxMessageBytes: limits.maxMessageBytes,
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
        return handle(message, from: peer, now: now, source: source)
    }

    /// The outcome of a `.store` (or of this node appending its own entries, with `from: nil`).
    /// Pushes what went in to connected peers (own entries always; others' when `relayPush`),
    /// answers refusals, passes on new proofs of equivocation, and counts forgeries against the peer.
    public mutating func stored(
        accepted: [LogEntry], refused: [EntryRefusal] = [], newProofs: [EquivocationProof] = [], from peer: NodeID?
    ) -> [GossipAction] {
        var actions: [GossipAction] = []
        if !accepted.isEmpty, peer == nil || configuration.relayPush {
            for p in connections.keys.sorted() where p != peer && isReady(p) {
                actions += chunked(accepted, to: p).map { .send(.entries($0), to: p) }
            }
        }
        for proof in newProofs {
            for p in connections.keys.sorted() where p != peer && isReady(p) {
                actions.append(.send(.equivocation(proof), to: p))
            }
        }
        if let peer, connections[peer] != nil, let first = refused.first(where: \.isPeerFault) {
            // An honest peer verifies before it forwards: a forged, altered or malformed entry
            // from it ends the connection.
            connections[peer] = nil
            actions.append(.send(.error(.refusedEntries, detail: first.code), to: peer))
            actions.append(.disconnect(peer, reason: .refusedEntries))
        }
        return actions
    }

    /// Whether the last delta from `peer` was full: it holds more, and this node is catching up
    /// with it (the entries of a `.store` from it are followed by more at once).
    public func pullsAgain(from peer: NodeID) -> Bool {
        connections[peer]?.pullAgain ?? false
    }

    /// Whether this node is pulling full deltas from any connected peer: one sent a full delta and
    /// no answer has ended that pull yet (`GossipAction.pullEnded`).
    public var isPulling: Bool {
        connections.values.contains { $0.pulling }
    }

    /// Call after carrying out a `.store` of entries from `peer`, with how many went in: when its
    /// delta was full and some of it was new, starts the next exchange with it at once (the stored
    /// entries are now in `source`). A full delta of nothing new (entries this node refuses) does
    /// not repeat at once: the next round asks again.
    public mutating func resume(after peer: NodeID, accepted: Int, now: Duration, source: some GossipSource) -> [GossipAction] {
        guard var c = connections[peer], c.pullAgain else { return [] }
        c.pullAgain = false
        connections[peer] = c
        guard accepted > 0, c.exchange == .idle, c.version != nil else { return [] }
        c.exchangeStarted = now
        c.lastUsed = now
        connections[peer] = c
        return [startExchange(with: peer, now: now, source: source)]
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
        case .delta(let mask, let behind, let entries):
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
            actions += chunked(back, to: peer).prefix(1).map { .send(.entries($0), to: peer) }
            if c.pulling && !full { actions.append(.pullEnded(peer)) }
            return actions
        case .entries(let entries):
            return entries.isEmpty ? [] : [.store(entries, from: peer)]
        case .getPeers:
            return [.send(.peers(peerSample(excluding: peer)), to: peer)]
        case .peers(let list):
            for p in list { learn(p, firstHand: false) }
            return []
        case .equivocation(let proof):
            return [.acceptProof(proof, from: peer)]
        case .error:
            if c.exchange != .idle { finish(peer) }
            return []
        }
    }

    private mutating func startExchange(with peer: NodeID, now: Duration, source: some GossipSource) -> GossipAction {
        if configuration.useDigests {
            connections[peer]?.exchange = .awaitingSummaryAnswer
            let total = source.totalEntries
            guard let v = connections[peer]?.version, v >= 2 else {
                return .send(.summary(root: source.rootDigest, entries: total), to: peer)
            }
            return .send(.hintedSummary(root: source.rootDigest, entries: total, recent: recentHeads(source, now: now)), to: peer)
        }
        connections[peer]?.exchange = .awaitingDelta(buckets: .max)
        return .send(.want(buckets: .max, heads: numbered(source.vector, source: source)), to: peer)
    }

    /// Notes when this node first saw the current head of each origin it advanced last
    /// (`GossipSource.recentAdvances`), so a summary names only recent ones.
    private mutating func observeSteps(_ source: some GossipSource, now: Duration) {
        let steps = source.recentAdvances
        guard !steps.isEmpty || !headSeen.isEmpty else { return }
        let vector = source.vector
        var kept: [NodeID: SeenHead] = [:]
        for step in steps {
            let seq = vector[step.origin]
            kept[step.origin] = headSeen[step.origin].flatMap { $0.seq == seq ? $0 : nil } ?? SeenHead(seq: seq, at: now)
        }
        headSeen = kept
    }

    /// The current heads of the origins this node advanced last, at most `summaryHints`, and only
    /// those it came to within the last `summaryHintRounds` intervals (a node in sync names none),
    /// as member-numbered heads (ascending).
    private mutating func recentHeads(_ source: some GossipSource, now: Duration) -> [NumberedHead] {
        observeSteps(source, now: now)
        let window = configuration.interval * configuration.summaryHintRounds
        var seen = Set<NodeID>()
        var out: [NumberedHead] = []
        for step in source.recentAdvances.reversed() where out.count < configuration.summaryHints {
            guard seen.insert(step.origin).inserted, let head = headSeen[step.origin], head.seq > 0, now - head.at <= window,
                  let n = source.memberNumber(of: step.origin) else { continue }
            out.append(NumberedHead(member: n, seq: head.seq))
        }
        return out.sorted { $0.member < $1.member }
    }

    /// The answer to a `want` (or, in version 2, to a `hinted_summary` whose vector this node
    /// recognised): `theirs` are the peer's heads in the masked buckets, `behind` this node's heads
    /// where the peer is ahead; the entries the peer lacks there, within its caps.
    private func delta(buckets mask: UInt64, theirs: VersionVector, behind: [NumberedHead], connection c: Connection,
                       source: some GossipSource) -> GossipMessage {
        let entries = fitting(source.entries(missingFrom: theirs, buckets: mask, limit: c.peerMaxEntries), connection: c,
                              reserve: 32 + 20 * behind.count)
        return .delta(buckets: mask, behind: behind, entries: entries)
    }

    /// A delta for a peer whose vector differs from this node's at exactly these heads
    /// (`GossipSource.peerVector`): the mask is their buckets.
    private func directDelta(to differing: [NodeID: UInt64], connection c: Connection, source: some GossipSource) -> GossipMessage {
        var mask: UInt64 = 0
        for o in differing.keys { mask |= 1 << UInt64(o.bucket) }
        let mine = source.vector
        var theirs = VersionVector()
        for b in 0..<VersionVector.bucketCount where mask & (1 << UInt64(b)) != 0 {
            for (o, s) in source.bucketVector(b).heads { theirs[o] = s }
        }
        var behind: [NumberedHead] = []
        for (o, s) in differing {
            theirs[o] = s
            if mine[o] < s, let n = source.memberNumber(of: o) { behind.append(NumberedHead(member: n, seq: mine[o])) }
        }
        return delta(buckets: mask, theirs: theirs, behind: behind.sorted { $0.member < $1.member }, connection: c, source: source)
    }

    /// Bucket digests as sent: the first 2 bytes of each.
    static func short(_ digests: [UInt64]) -> [UInt16] { digests.map { UInt16(truncatingIfNeeded: $0 >> 48) } }

    /// A vector as member-numbered heads, ascending; origins without a number are left out.
    private func numbered(_ v: VersionVector, source: some GossipSource) -> [NumberedHead] {
        v.heads.compactMap { o, s in source.memberNumber(of: o).map { NumberedHead(member: $0, seq: s) } }
            .sorted { $0.member < $1.member }
    }

    private mutating func finish(_ peer: NodeID) {
        connections[peer]?.exchange = .idle
    }

    private mutating func strike(_ peer: NodeID, code: GossipErrorCode) -> [GossipAction] {
        guard let c = connections[peer] else { return [] }
        if c.strikes >= configuration.maxStrikes {
            connections[peer] = nil
            return [.send(.error(.closing, detail: code.rawValue), to: peer), .disconnect(peer, reason: code)]
        }
        return [.send(.error(code, detail: 0), to: peer)]
    }

    /// `firstHand`: the address comes from the peer itself (its `hello`) or from configuration,
    /// and replaces what a third party said; an address from peer exchange is only taken for a
    /// node that has none yet, so no member can redirect this node's connections to others.
    private mutating func learn(_ p: PeerInfo, firstHand: Bool = true) {
        guard p.id != me else { return }
        if known[p.id] == nil {
            guard knownList.count < configuration.maxKnownPeers else { return }
            knownList.append(p.id)
        }
        let current = known[p.id]?.address ?? ""
        if !p.address.isEmpty && (firstHand || current.isEmpty) || known[p.id] == nil { known[p.id] = KnownPeer(address: p.address) }
    }

    /// Entries cut to what one message to this peer may hold, leaving `reserve` bytes for the rest.
    private func fitting(_ entries: [LogEntry], connection c: Connection, reserve: Int) -> [LogEntry] {
        var budget = c.peerMaxMessageBytes - reserve
        var n = 0
        for e in entries.prefix(c.peerMaxEntries) {
            budget -= GossipMessage.listBytes(of: e)
            guard budget >= 0 else { break }
            n += 1
        }
        return Array(entries.prefix(n))
    }

    /// Entries split into messages this peer accepts.
    private func chunked(_ entries: [LogEntry], to peer: NodeID) -> [[LogEntry]] {
        guard let c = connections[peer] else { return [] }
        var out: [[LogEntry]] = []
        var rest = entries[...]
        while !rest.isEmpty {
            let part = fitting(Array(rest), connection: c, reserve: 16)
            guard !part.isEmpty else { break }
            out.append(part)
            rest = rest.dropFirst(part.count)
        }
        return out
    }

    /// Up to `maxPeersPerMessage` known peers with an address, taken in turn from a rotating
    /// cursor so successive answers differ.
    private mutating func peerSample(excluding peer: NodeID) -> [PeerInfo] {
        var out: [PeerInfo] = []
        let n = knownList.count
        var looked = 0
        while out.count < configuration.limits.maxPeersPerMessage, looked < n {
            let id = knownList[(answerCursor + looked) % n]
            looked += 1
            if id != peer, let a = known[id]?.address, !a.isEmpty { out.append(PeerInfo(id: id, address: a)) }
        }
        answerCursor = n == 0 ? 0 : (answerCursor + looked) % n
        return out
    }
}
