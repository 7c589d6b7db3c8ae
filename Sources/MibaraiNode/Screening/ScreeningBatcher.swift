import MibaraiCore
import MibaraiStore
import Synchronization

/// Screens the single orders of concurrent requests together: orders that arrive while a batch is
/// screened wait for the next one, which takes them all (at most ``maxBatch``). One batch costs
/// one read transaction for the lookups, one read of the suppressions and review deadlines, and
/// one submission to the velocity history, however many orders it holds; a request answered
/// alone costs the same three reads and a history write. Under load (the screening API with many
/// connections) batches grow by themselves; a lone request is screened at once, as before.
///
/// Each caller is resumed once its batch is in the history file, as ``OrderScreener/screen(_:now:recording:waitForHistory:index:)``
/// would resume it: the next batch is screened meanwhile (the history's group commit takes both).
/// Orders of one batch are fed to the history oldest first, as any batch's are.
public final class ScreeningBatcher: Sendable {
    private typealias Waiter = CheckedContinuation<ScreeningResult, any Error>

    private struct State {
        var pending: [(order: Order, waiter: Waiter)] = []
        var draining = false
    }

    /// Orders in one batch at most.
    public static let maxBatch = 256

    private let screener: OrderScreener
    private let now: @Sendable () -> Int64
    private let state = Mutex(State())

    public init(screener: OrderScreener, now: @escaping @Sendable () -> Int64) {
        self.screener = screener
        self.now = now
    }

    /// Screens `order` with the others waiting, and records it in the velocity history.
    public func screen(_ order: Order) async throws -> ScreeningResult {
        try await withCheckedThrowingContinuation { (waiter: Waiter) in
            let start = state.withLock { s in
                s.pending.append((order, waiter))
                defer { s.draining = true }
                return !s.draining
            }
            if start { Task { await self.drain() } }
        }
    }

    /// Takes the waiting orders batch after batch until none is left.
    private func drain() async {
        while true {
            let batch = state.withLock { s in
                let batch = Array(s.pending.prefix(Self.maxBatch))
                s.pending.removeFirst(batch.count)
                if batch.isEmpty { s.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            let results: [ScreeningResult]
            do {
                results = try await screener.screen(batch.map(\.order), now: now(), waitForHistory: false)
            } catch {
                for item in batch { item.waiter.resume(throwing: error) }
                continue
            }
            // Answered once the history holds them; the next batch does not wait for that.
            let screener = screener
            Task {
                do {
                    try await screener.flushHistory()
                    for (item, result) in zip(batch, results) { item.waiter.resume(returning: result) }
                } catch {
                    for item in batch { item.waiter.resume(throwing: error) }
                }
            }
        }
    }
}
