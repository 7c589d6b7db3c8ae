import MibaraiCore
import MibaraiStore

/// What a one-shot sync (`mibarai sync`) waits on: the node holds the end of its own log, has
/// signed every change its records carry, and an exchange it opened afterwards ended `in_sync`
/// (the peer then holds all of it); then every entry taken is written and applied.
extension GossipNode {
    public struct SyncState: Sendable {
        /// The node caught up with a peer after starting and holds the end of its own log.
        public var ownLogConfirmed: Bool
        /// The node's records or its inbox say something its log does not hold yet (also while
        /// the operator's log does not admit it).
        public var ownChangesWaiting: Bool
        /// Exchanges this node opened that ended `in_sync` (``GossipStateMachine/inSyncAnswers``).
        public var inSyncAnswers: Int
        /// Entries in the node's log, every origin's.
        public var entryCount: Int
        /// Entries of this node's own log.
        public var ownEntries: UInt64
    }

    public func syncState() -> SyncState {
        var waiting = true
        if log.members[me] != nil, log.revocations[me] == nil, let current = try? database.blindedRecords(origin: name) {
            waiting = !OwnLogPlan.bodies(current: current, published: ownPublished).isEmpty
        }
        if (try? database.inboxIsEmpty()) == false { waiting = true }
        return SyncState(ownLogConfirmed: isOwnLogConfirmed, ownChangesWaiting: waiting, inSyncAnswers: machine.inSyncAnswers,
                         entryCount: log.entryCount, ownEntries: log.vector[me])
    }

    /// Returns once every entry taken so far is written and the record changes noted meanwhile
    /// are applied, so the node's lookups find them.
    public func finishWrites() async {
        await writer.flush()
        await writer.applyNoted()
    }
}
