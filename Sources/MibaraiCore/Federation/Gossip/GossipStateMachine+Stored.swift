/// After entries are stored: pushes, refusals, proofs, and pulling on from a full delta.
extension GossipStateMachine {
    /// The outcome of a `.store` (or of this node appending its own entries, with `from: nil`).
    /// Pushes what went in to connected peers (own entries always; others' when `relayPush`),
    /// answers refusals, passes on new proofs of equivocation, and counts forgeries against the peer.
    /// `source`: the log after the store, which says how far a peer of an older version may be
    /// pushed each origin's log (without it, the pushed entries alone say so: `sendable`).
    public mutating func stored(
        accepted: [LogEntry], refused: [EntryRefusal] = [], newProofs: [EquivocationProof] = [], from peer: NodeID?,
        source: (any GossipSource)? = nil
    ) -> [GossipAction] {
        var actions: [GossipAction] = []
        if !accepted.isEmpty, peer == nil || configuration.relayPush {
            for p in connections.keys.sorted() where p != peer && isReady(p) {
                let pushed = inScope(accepted, of: p)
                guard !pushed.isEmpty else { continue }
                actions += chunked(pushed, to: p, source: source).map { .send(.entries($0), to: p) }
            }
        }
        for proof in newProofs {
            // A proof is two entries: one of a kind the peer's version lacks is not sent to it.
            let needs = max(proof.held.kind.sinceVersion, proof.conflicting.kind.sinceVersion)
            // A proof carries two of its origin's entries: never to a peer whose scope leaves that origin out.
            for p in connections.keys.sorted() where p != peer && isReady(p) && (connections[p]?.version ?? 1) >= needs
                && scopes[p].map({ $0.contains(proof.origin) }) ?? true {
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
        return [startScopedExchange(with: peer, now: now, source: source)]
    }
}
