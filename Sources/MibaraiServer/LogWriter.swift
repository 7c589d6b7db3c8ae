import Foundation
import Metrics
import MibaraiCore
import MibaraiStore

/// Writes verified log entries on a thread of its own, in the order they were handed over, so a
/// node can fetch and verify the next delta while the last one is written. Batches that wait
/// together go into one transaction. `onWritten` hears of each batch once its transaction ended.
///
/// While the node catches up (every batch of a transaction came from a full delta), the entries
/// are written and the record changes they carry only noted (`saveLogEntries(…, stage: true)`);
/// the noted changes are applied many at a time: every `applyEvery` entries, when a batch that is
/// not catching up comes, or once nothing has been noted for `idleDelay`.
final class LogWriter: @unchecked Sendable {
    struct Batch: Sendable {
        var entries: [LogEntry]
        var proofs: [EquivocationProof]
        /// Origins' member names, for the records the entries publish.
        var names: [NodeID: String]
        /// The peer the entries came from.
        var peer: NodeID
        /// The entries came from a full delta: more follow at once.
        var catchingUp = false
    }

    /// Batches written in one transaction at most: fewer, larger transactions change each page of
    /// the record table and token index fewer times.
    static let maxBatchesPerTransaction = 16
    /// Noted record changes are applied at least this often (entries): a node catching up makes
    /// what it received findable in steps of a few seconds, and one apply holds about 80 MB of
    /// index entries in memory at most.
    static let applyEvery = 262_144
    /// Noted changes are applied once no more have been noted for this long.
    static let idleDelay: DispatchTimeInterval = .seconds(1)

    private let database: AppDatabase
    private let me: NodeID
    private let queue = DispatchQueue(label: "mibarai.gossip.log-writer")
    private let lock = NSLock()
    // Guarded by `lock`.
    private var waiting: [Batch] = []
    private var running = false
    private var onWritten: @Sendable ([Batch], StoreError?) -> Void = { _, _ in }
    // Used on `queue` only.
    private var noted = 0
    private var lastNoted = DispatchTime.now()

    init(database: AppDatabase, me: NodeID) {
        self.database = database
        self.me = me
    }

    /// Set once, before the first batch.
    func whenWritten(_ body: @escaping @Sendable ([Batch], StoreError?) -> Void) {
        lock.lock()
        onWritten = body
        lock.unlock()
    }

    func enqueue(_ batch: Batch) {
        lock.lock()
        waiting.append(batch)
        let start = !running
        running = true
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    /// Returns once every batch handed over before the call is written.
    func flush() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in queue.async { c.resume() } }
    }

    /// Applies record changes noted before a restart (the node stopped while catching up).
    func applyNotedChanges() {
        queue.async {
            self.noted = 0
            self.apply()
        }
    }

    private func drain() {
        while true {
            lock.lock()
            let batches = Array(waiting.prefix(Self.maxBatchesPerTransaction))
            waiting.removeFirst(batches.count)
            if batches.isEmpty { running = false }
            let done = onWritten
            lock.unlock()
            guard !batches.isEmpty else { return }
            var entries: [LogEntry] = [], proofs: [EquivocationProof] = [], names: [NodeID: String] = [:]
            for b in batches {
                entries += b.entries
                proofs += b.proofs
                names.merge(b.names) { a, _ in a }
            }
            let stage = batches.allSatisfy(\.catchingUp)
            var failure: StoreError?
            do {
                try database.saveLogEntries(entries, proofs: proofs, me: me, names: names, stage: stage)
                if stage {
                    noted += entries.count
                    lastNoted = .now()
                    Self.waitingChanges.record(noted)
                    if noted >= Self.applyEvery {
                        noted = 0
                        try database.applyPendingRecordChanges()
                        Self.waitingChanges.record(0)
                    } else {
                        queue.asyncAfter(deadline: .now() + Self.idleDelay) { self.applyIfIdle() }
                    }
                } else if noted > 0 {
                    noted = 0  // saveLogEntries applied them first
                    Self.waitingChanges.record(0)
                }
            } catch {
                failure = error
            }
            done(batches, failure)
        }
    }

    /// On `queue`: applies the noted changes unless more were noted within `idleDelay` or batches
    /// wait (the drain that takes them decides).
    private func applyIfIdle() {
        guard noted > 0, DispatchTime.now() >= lastNoted + Self.idleDelay else { return }
        lock.lock()
        let busy = running
        lock.unlock()
        guard !busy else { return }
        noted = 0
        apply()
    }

    /// On `queue`.
    private func apply() {
        lock.lock()
        let done = onWritten
        lock.unlock()
        do {
            try database.applyPendingRecordChanges()
            Self.waitingChanges.record(0)
        } catch {
            done([], error)
        }
    }

    /// Record changes received and not yet applied (a count, no values).
    static let waitingChanges = Gauge(label: "mibarai_gossip_record_changes_waiting")
}
