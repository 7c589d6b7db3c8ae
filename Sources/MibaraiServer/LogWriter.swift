import Foundation
import MibaraiCore
import MibaraiStore

/// Writes verified log entries on a thread of its own, in the order they were handed over, so a
/// node can fetch and verify the next delta while the last one is written. Batches that wait
/// together go into one transaction. `onWritten` hears of each batch once its transaction ended.
final class LogWriter: @unchecked Sendable {
    struct Batch: Sendable {
        var entries: [LogEntry]
        var proofs: [EquivocationProof]
        /// Origins' member names, for the records the entries publish.
        var names: [NodeID: String]
        /// The peer the entries came from.
        var peer: NodeID
    }

    /// Batches written in one transaction at most: fewer, larger transactions change each page of
    /// the record table and token index fewer times.
    static let maxBatchesPerTransaction = 16

    private let database: AppDatabase
    private let me: NodeID
    private let queue = DispatchQueue(label: "mibarai.gossip.log-writer")
    private let lock = NSLock()
    // Guarded by `lock`.
    private var waiting: [Batch] = []
    private var running = false
    private var onWritten: @Sendable ([Batch], StoreError?) -> Void = { _, _ in }

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
            var failure: StoreError?
            do { try database.saveLogEntries(entries, proofs: proofs, me: me, names: names) } catch { failure = error }
            done(batches, failure)
        }
    }
}
