import Foundation
import Logging
import MibaraiCore
import MibaraiStore

/// The federation's replica policy applied to the gossip (`Protocol/federation.md`, "Policy" and
/// "Exchange scope"): what each peer is offered and taken from, and a shop forgetting the other
/// shops' records once the policy says only hubs hold them.
extension GossipNode {
    /// The origins exchanged with `peer` (nil: every one), from the policy and the two roles in the log.
    func scope(for peer: NodeID) -> Set<NodeID>? {
        ReplicaScope.origins(policy: log.policy, operator: log.operatorID, me: me, myRole: log.members[me]?.role,
                             peer: peer, peerRole: log.members[peer]?.role)
    }

    /// Sets every connected peer's scope again (the policy or a role changed).
    func refreshScopes() {
        for peer in links.keys { machine.limit(peer, to: scope(for: peer)) }
    }

    /// Whether this node should hold only the operator's log and its own.
    var holdsOnlyItsOwn: Bool {
        !ReplicaScope.holdsReplica(policy: log.policy, role: log.members[me]?.role)
    }

    /// The policy changed: new scopes at once (nothing more of other shops comes in), then, on a
    /// shop that now holds no replica, the other origins' entries and records are erased once
    /// the batches already handed to the writer are written.
    func replicaPolicyChanged() {
        refreshScopes()
        guard holdsOnlyItsOwn else { return }
        Task {
            await writer.flush()
            self.dropOtherOrigins()
        }
    }

    /// Erases what this node holds of other origins (their entries and records) and rebuilds the
    /// log in memory from what is left. Does nothing when it holds none.
    func dropOtherOrigins() {
        let keep: Set<NodeID> = [log.operatorID, me]
        guard log.vector.origins.contains(where: { !keep.contains($0) }) else { return }
        do {
            let dropped = try database.dropOtherOrigins(keeping: keep, ownName: name)
            if try !database.truncateWAL() {
                // A reader held the WAL: its old pages go at the next checkpoint, not now.
                logger.notice("gossip: the write-ahead log could not be emptied at once; it is at the next checkpoint")
            }
            log = try Self.load(operator: log.operatorID, limits: log.limits, from: database, logger: logger)
            ownPublished = try log.publishedRecords(of: me)
            refreshScopes()
            logger.notice("gossip: other shops' records erased (replicas = hubs)", metadata: [
                "records": "\(dropped.records)", "entries": "\(dropped.entries)",
            ])
        } catch {
            logger.error("gossip: cannot erase other shops' records", metadata: ["error": "\(type(of: error))"])
        }
    }
}
