/// Which origins' logs two members exchange (`Protocol/federation.md`, "Exchange scope"). Pure: the
/// caller passes what its verified log says of the policy and the two roles.
///
/// Under `replicas = all` every pair exchanges every origin (nil: no limit). Under `hubs`:
///
/// | between | they exchange |
/// |---|---|
/// | two hubs | every origin |
/// | a hub and a shop | the operator's log and the shop's own |
/// | two shops | the operator's log |
///
/// Both ends compute the same set, so their summaries over it agree once they hold the same, and
/// an exchange ends `in_sync`. A role the log does not know yet (an admission not received) is
/// taken as a shop's: the narrower set.
public enum ReplicaScope {
    public static func origins(
        policy: FederationPolicy, operator op: NodeID, me: NodeID, myRole: MemberRole?, peer: NodeID, peerRole: MemberRole?
    ) -> Set<NodeID>? {
        guard policy.replicas == .hubs else { return nil }
        let meHub = myRole == .hub, peerHub = peerRole == .hub
        if meHub && peerHub { return nil }
        var scope: Set<NodeID> = [op]
        if meHub { scope.insert(peer) }
        if peerHub { scope.insert(me) }
        return scope
    }

    /// Whether a node of `role` holds other origins' records under `policy`: hubs always, shops
    /// only under `replicas = all`.
    public static func holdsReplica(policy: FederationPolicy, role: MemberRole?) -> Bool {
        policy.replicas == .all || role == .hub
    }
}
