import MibaraiCore
import MibaraiStore

/// What a one-shot sync (`mibarai sync`) waits on: the node holds the end of its own log, has
/// signed every change its records carry, and a peer answered `in_sync` to a summary the node
/// sent when its own log already ended there (the peer then held all of it); then every entry
/// taken is written and applied.
extension GossipNode {
    public struct SyncState: Sendable {
        /// The node caught up with a peer after starting and holds the end of its own log.
        public var ownLogConfirmed: Bool
        /// The operator's log, as far as the node holds it, admits the node and has not revoked it.
        public var admitted: Bool
        /// The node's records or its inbox say something its log does not hold yet.
        public var ownChangesWaiting: Bool
        /// The node's own head, and the highest of it a peer is known to hold
        /// (``GossipStateMachine/ownHeadHeldByAPeer``).
        public var ownHead: UInt64
        public var ownHeadHeldByAPeer: UInt64
        /// Entries in the node's log, every origin's.
        public var entryCount: Int
    }

    /// How a wait for a sync ended.
    public enum SyncOutcome: Sendable, Equatable {
        case synced
        /// Caught up with a peer, and the operator's log does not admit this node (or revoked it).
        case notAdmitted
        case timedOut
        case cancelled
    }

    /// The network in three numbers, for the web page: peers connected now, members the
    /// operator's log admits (revoked ones left out), and whether a peer confirmed this node's own
    /// log since it started.
    public func networkSummary() -> (peers: Int, members: Int, caughtUp: Bool) {
        (links.count, log.members.keys.count { log.revocations[$0] == nil }, isOwnLogConfirmed)
    }

    public func syncState() -> SyncState {
        let admitted = log.members[me] != nil && log.revocations[me] == nil
        var waiting = true
        if admitted, let current = try? database.blindedRecords(origin: name) {
            waiting = !OwnLogPlan.bodies(current: current, published: ownPublished).isEmpty
        }
        if (try? database.inboxIsEmpty()) == false { waiting = true }
        return SyncState(ownLogConfirmed: isOwnLogConfirmed, admitted: admitted, ownChangesWaiting: waiting,
                         ownHead: log.vector[me], ownHeadHeldByAPeer: machine.ownHeadHeldByAPeer, entryCount: log.entryCount)
    }

    /// Waits, looking every 0.1 s while the node's service runs the exchanges, until the node
    /// holds the end of its own log, has signed every change its records carry, and a peer holds
    /// all of its own log; or until the operator's log shows it is not admitted, the timeout, or
    /// the task's cancellation.
    public func waitUntilSynced(timeout: Duration) async -> SyncOutcome {
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if Task.isCancelled { return .cancelled }
            let s = syncState()
            if !machine.caughtUp.isEmpty && !s.admitted { return .notAdmitted }
            if s.ownLogConfirmed && !s.ownChangesWaiting && s.ownHeadHeldByAPeer >= s.ownHead { return .synced }
            do { try await Task.sleep(for: .milliseconds(100)) } catch { return .cancelled }
        }
        return .timedOut
    }

    /// Returns once every entry taken so far is written and the record changes noted meanwhile
    /// are applied, so the node's lookups find them.
    public func finishWrites() async {
        await writer.flush()
        await writer.applyNoted()
    }
}
