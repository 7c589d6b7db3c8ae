/// The exchange scope of `replicas = hubs` (`Protocol/federation.md`, "Exchange scope"): per
/// peer, the origins its summaries, deltas, pushes and proofs may carry (`ReplicaScope`).
extension GossipStateMachine {
    /// Limits what is exchanged with `peer` to `origins` (nil: every origin). The caller sets it
    /// when the peer connects and again whenever the policy or the members' roles change.
    public mutating func limit(_ peer: NodeID, to origins: Set<NodeID>?) {
        scopes[peer] = origins
    }

    /// Entries of origins outside the peer's scope are neither sent to it nor taken from it.
    func inScope(_ entries: [LogEntry], of peer: NodeID) -> [LogEntry] {
        guard let scope = scopes[peer] else { return entries }
        return entries.filter { scope.contains($0.origin) }
    }

    /// Whether exchanges with `peer` cover this node's own log (a shop's scope leaves a hub's out):
    /// only such a peer can tell the node it holds the end of its own log (`caughtUp`).
    func holdsMyLog(_ peer: NodeID) -> Bool {
        scopes[peer].map { $0.contains(me) } ?? true
    }

    /// `startExchange` over the part of `source` the peer's scope covers.
    mutating func startScopedExchange(with peer: NodeID, now: Duration, source: some GossipSource) -> GossipAction {
        guard let scope = scopes[peer] else { return startExchange(with: peer, now: now, source: source) }
        return startExchange(with: peer, now: now, source: ScopedGossipSource(base: source, origins: scope))
    }
}
