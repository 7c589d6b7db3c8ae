import Foundation
import MibaraiCore
import MibaraiStore
import Synchronization

/// Writes screened orders into the velocity history (`screened_order`) on a thread of its own
/// (a serial dispatch queue), so that SQLite's writes and fsyncs never run on, or block, a
/// thread of Swift's cooperative pool. Batches that arrive while a write runs are written
/// together in the next transaction (group commit), each with its own `forgetBefore`, in the
/// order they came: the file ends as batch-by-batch writes would leave it.
///
/// The in-memory ``VelocityIndex`` already holds every submitted order, so screening never
/// waits for the file; callers `await` their batch (``wait(for:)``) before they report
/// success — a suspension, not a blocked thread — and the first failed write fails every later
/// wait and submission.
final class HistoryWriter: Sendable {
    typealias Row = (entry: VelocityEntry, score: Int, decision: ScreeningDecision)

    private struct State {
        var pending: [(rows: [Row], forgetBefore: Int64)] = []
        var submitted = 0
        var written = 0
        var running = false
        var failure: StoreError?
        /// Callers waiting for a ticket, resumed once it is written.
        var waiters: [(ticket: Int, continuation: CheckedContinuation<Result<Void, StoreError>, Never>)] = []
    }

    private let database: AppDatabase
    private let queue = DispatchQueue(label: "mibarai.velocity-history")
    private let state = Mutex(State())

    init(database: AppDatabase) {
        self.database = database
    }

    /// Queues a batch; returns its ticket for ``wait(for:)``. Throws the failure of an earlier write.
    func submit(_ rows: [Row], forgetBefore: Int64) throws(StoreError) -> Int {
        let (ticket, start) = try state.withLock { s throws(StoreError) -> (Int, Bool) in
            if let failure = s.failure { throw failure }
            s.pending.append((rows, forgetBefore))
            s.submitted += 1
            let start = !s.running
            s.running = true
            return (s.submitted, start)
        }
        if start { queue.async { self.drain() } }
        return ticket
    }

    /// Returns when the batch with this ticket (and every one before it) is in the file.
    func wait(for ticket: Int) async throws(StoreError) {
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<Void, StoreError>, Never>) in
            let ready: Result<Void, StoreError>? = state.withLock { s in
                if s.written >= ticket { return s.failure.map { .failure($0) } ?? .success(()) }
                s.waiters.append((ticket, c))
                return nil
            }
            if let ready { c.resume(returning: ready) }
        }
        try result.get()
    }

    /// Returns when everything submitted so far is in the file.
    func flush() async throws(StoreError) {
        try await wait(for: state.withLock { $0.submitted })
    }

    private func drain() {
        while true {
            let (batches, failed) = state.withLock { s in
                let batches = s.pending
                s.pending = []
                if batches.isEmpty { s.running = false }
                return (batches, s.failure != nil)
            }
            if batches.isEmpty { return }
            var error: StoreError?
            if !failed {
                do { try database.recordScreened(batches: batches) } catch let e { error = e }
            }
            let ready = state.withLock { s in
                s.written += batches.count
                if s.failure == nil { s.failure = error }
                let written = s.written
                let ready = s.waiters.filter { $0.ticket <= written }
                s.waiters.removeAll { $0.ticket <= written }
                return (ready.map(\.continuation), s.failure)
            }
            for c in ready.0 { c.resume(returning: ready.1.map { .failure($0) } ?? .success(())) }
        }
    }
}
