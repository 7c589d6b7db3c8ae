/// The parts of an exchange the handlers share: starting one, the deltas and heads it sends,
/// fitting entries to a peer's limits, and the peers it learns and samples.
extension GossipStateMachine {
    mutating func startExchange(with peer: NodeID, now: Duration, source: some GossipSource) -> GossipAction {
        if configuration.useDigests {
            connections[peer]?.exchange = .awaitingSummaryAnswer
            connections[peer]?.summaryOwnHead = source.vector[me]
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
    mutating func observeSteps(_ source: some GossipSource, now: Duration) {
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
    mutating func recentHeads(_ source: some GossipSource, now: Duration) -> [NumberedHead] {
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
    func delta(buckets mask: UInt64, theirs: VersionVector, behind: [NumberedHead], connection c: Connection,
                       source: some GossipSource) -> GossipMessage {
        let missing = sendable(source.entries(missingFrom: theirs, buckets: mask, limit: c.peerMaxEntries), connection: c, source: source)
        let entries = fitting(missing, connection: c, reserve: 32 + 20 * behind.count)
        return .delta(buckets: mask, behind: behind, entries: entries)
    }

    /// A delta for a peer whose vector differs from this node's at exactly these heads
    /// (`GossipSource.peerVector`): the mask is their buckets.
    func directDelta(to differing: [NodeID: UInt64], connection c: Connection, source: some GossipSource) -> GossipMessage {
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
    func numbered(_ v: VersionVector, source: some GossipSource) -> [NumberedHead] {
        v.heads.compactMap { o, s in source.memberNumber(of: o).map { NumberedHead(member: $0, seq: s) } }
            .sorted { $0.member < $1.member }
    }

    mutating func finish(_ peer: NodeID) {
        connections[peer]?.exchange = .idle
    }

    mutating func strike(_ peer: NodeID, code: GossipErrorCode) -> [GossipAction] {
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
    mutating func learn(_ p: PeerInfo, firstHand: Bool = true) {
        guard p.id != me else { return }
        if known[p.id] == nil {
            guard knownList.count < configuration.maxKnownPeers else { return }
            knownList.append(p.id)
        }
        let current = known[p.id]?.address ?? ""
        if !p.address.isEmpty && (firstHand || current.isEmpty) || known[p.id] == nil { known[p.id] = KnownPeer(address: p.address) }
    }

    /// The entries this peer may be sent under the version agreed with it: an origin's log only
    /// up to the entry before its first of a kind that version lacks (`Protocol/federation.md`,
    /// "Versions"). A peer that cannot read an entry would refuse it as malformed and could never
    /// take anything after it in that origin's log; it is offered the part it can take.
    ///
    /// `source` nil: the cut is found in `entries` alone (an origin's first entry there of a kind
    /// the version lacks, and everything after it); a later list may then start after the cut,
    /// which the peer refuses as `gap`, at no one's fault.
    func sendable(_ entries: [LogEntry], connection c: Connection, source: (any GossipSource)?) -> [LogEntry] {
        let version = c.version ?? 1
        guard version < Self.newestKindVersion else { return entries }
        var cut: [NodeID: UInt64?] = [:]
        if source == nil {
            for e in entries where cut[e.origin] == nil && e.kind.sinceVersion > version { cut[e.origin] = .some(e.seq - 1) }
        }
        return entries.filter { e in
            let last: UInt64?
            if let known = cut[e.origin] {
                last = known
            } else {
                last = source?.lastSendable(of: e.origin, toVersion: version)
                cut[e.origin] = .some(last)
            }
            return last.map { e.seq <= $0 } ?? true
        }
    }

    /// The highest version that defined an entry kind: a peer at it may be sent every entry.
    static let newestKindVersion = LogEntryKind.allCases.map(\.sinceVersion).max() ?? 1

    /// Entries cut to what one message to this peer may hold, leaving `reserve` bytes for the rest.
    func fitting(_ entries: [LogEntry], connection c: Connection, reserve: Int) -> [LogEntry] {
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
    func chunked(_ entries: [LogEntry], to peer: NodeID, source: (any GossipSource)?) -> [[LogEntry]] {
        guard let c = connections[peer] else { return [] }
        var out: [[LogEntry]] = []
        var rest = sendable(entries, connection: c, source: source)[...]
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
    mutating func peerSample(excluding peer: NodeID) -> [PeerInfo] {
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
