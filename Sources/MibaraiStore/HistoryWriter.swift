import Foundation
import MibaraiCore

/// Writes screened orders into the velocity history (`screened_order`) on a queue of its own,
/// so that the SQLite work leaves the screening path. Batches that arrive while a write runs are
/// written together in the next transaction (group commit), each with its own
/// `forgetBefore`, in the order they came: the file ends as batch-by-batch writes would leave it.
///
/// The in-memory ``VelocityIndex`` already holds every submitted order, so screening never
/// waits for the file; callers wait (``wait(for:)``) before they report success, and the first
/// failed write fails every later wait and submission.
final class HistoryWriter: @unchecked Sendable {
    typealias Row = (entry: VelocityEntry, score: Int, decision: ScreeningDecision)

    private let database: AppDatabase
    private let queue = DispatchQueue(label: "mibarai.velocity-history")
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [(rows: [Row], forgetBefore: Int64)] = []
    private var submitted = 0
    private var written = 0
    private var running = false
    private var failure: StoreError?

    init(database: AppDatabase) {
        self.database = database
    }

    /// Queues a batch; returns its ticket for ``wait(for:)``. Throws the failure of an earlier write.
    func submit(_ rows: [Row], forgetBefore: Int64) throws(StoreError) -> Int {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        pending.append((rows, forgetBefore))
        submitted += 1
        if !running {
            running = true
            queue.async { self.drain() }
        }
        return submitted
    }

    /// Returns when the batch with this ticket (and every one before it) is in the file.
    func wait(for ticket: Int) throws(StoreError) {
        condition.lock()
        while written < ticket { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }

    /// Returns when everything submitted so far is in the file.
    func flush() throws(StoreError) {
        condition.lock()
        let last = submitted
        condition.unlock()
        try wait(for: last)
    }

    private func drain() {
        while true {
            condition.lock()
            let batches = pending
            pending = []
            if batches.isEmpty {
                running = false
                condition.unlock()
                return
            }
            let failed = failure != nil
            condition.unlock()
            var error: StoreError?
            if !failed {
                do { try database.recordScreened(batches: batches) } catch let e { error = e }
            }
            condition.lock()
            written += batches.count
            if failure == nil { failure = error }
            condition.broadcast()
            condition.unlock()
        }
    }
}
