import Foundation
import Synchronization

/// Pure work over a large range split across the cores, results in order.
enum Lanes {
    /// `transform` over consecutive chunks of `0..<count` (one per core when `count` reaches
    /// `minimum`, else one), each chunk's results in order, the chunks joined in order.
    static func map<T: Sendable>(_ count: Int, minimum: Int, _ transform: @Sendable (Range<Int>) -> [T]) -> [T] {
        let lanes = count >= minimum ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        guard lanes > 1 else { return transform(0..<count) }
        let chunk = (count + lanes - 1) / lanes
        let parts = Mutex([[T]](repeating: [], count: lanes))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let done = transform(min(lane * chunk, count)..<min((lane + 1) * chunk, count))
            parts.withLock { $0[lane] = done }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
