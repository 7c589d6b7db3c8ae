import Foundation
import Logging
import MibaraiCore
import MibaraiNode
import MibaraiStore

/// Before it signs anything, the node makes sure it holds the end of its own log.
///
/// The database may be older than the node's history: restored from a backup (`mibarai
/// restore`), or a file copied back by hand. Entries the node signed after that copy was made are
/// held by its peers; signing a new entry under one of their numbers would be equivocation, and
/// every peer would refuse the node for good. So after each start the node signs nothing until one
/// exchange it opened with a peer has ended with the node holding everything that peer holds
/// (`GossipStateMachine.caughtUp`) and those entries are written. A database `mibarai restore`
/// marked also takes back the statuses its own later entries gave its reports (a report marked
/// paid after the backup stays paid); publications of reports the copy lacks are withdrawn when the
/// node next publishes, since no one can answer for them any more.
extension GossipNode {
    /// Called instead of publishing while the own log is not confirmed: starts the confirmation
    /// once a peer is caught up with, and says once that the node waits.
    func confirmOwnLog() {
        ownCheckDue = true
        guard !machine.caughtUp.isEmpty else {
            if !warnedUnconfirmed {
                warnedUnconfirmed = true
                logger.notice("gossip: this node signs nothing until it has caught up with a peer (its own log may be held there)")
            }
            return
        }
        guard !confirming else { return }
        confirming = true
        Task {
            // Entries taken from the peer, the node's own among them, are on disk first.
            await writer.flush()
            ownLogConfirmed()
        }
    }

    func ownLogConfirmed() {
        confirming = false
        guard !isShutDown else { return }
        do {
            ownPublished = try log.publishedRecords(of: me)
        } catch {
            logger.error("gossip: cannot read this node's own log back", metadata: ["error": "\(type(of: error))"])
            return
        }
        do {
            if try database.ownLogRecoveryPending() != nil {
                try takeBackOwnStatuses()
            }
        } catch {
            logger.error("gossip: cannot end the recovery of this node's log", metadata: ["error": "\(error.message.en)"])
            return
        }
        isOwnLogConfirmed = true
        ownCheckDue = true
        logger.info("gossip: this node's own log is caught up", metadata: ["entries": "\(log.vector[me])"])
    }

    /// A restored node's reports take the statuses the node's own log last gave them; the marker
    /// goes in the same transaction.
    private func takeBackOwnStatuses() throws(StoreError) {
        let current = try database.blindedRecords(origin: name)
        var changed: [BlindedRecord] = []
        var held = Set<ReportID>()
        for record in current {
            guard let publication = OwnLogPlan.latest(of: record.id, epoch: record.epoch, in: ownPublished)?.id,
                  let status = ownPublished[publication]?.status else { continue }
            held.insert(publication)
            guard status != record.status else { continue }
            var r = record
            r.status = status
            if status == .withdrawn { r.tokens = [] }
            changed.append(r)
        }
        let restored = try database.endOwnLogRecovery(records: changed, on: Node.todayInJapan())
        let missing = ownPublished.filter { $0.value.status != .withdrawn && !held.contains($0.key) }.count
        logger.notice("gossip: this node's log is recovered after a restore", metadata: [
            "statuses_taken_back": "\(restored)", "publications_without_a_report": "\(missing)",
        ])
    }
}
