import Foundation
import Synchronization

/// Pure work over a large range split across the cores, results in order.
package enum Lanes {
    /// `transform` over consecutive chunks of `0..<count` (when `count` reaches `minimum`,
    /// `chunksPerCore` per core, taken as cores come free; else one), each chunk's results in
    /// order, the chunks joined in order.
    package static func map<T: Sendable>(_ count: Int, minimum: Int, chunksPerCore: Int = 1,
                                 _ transform: @Sendable (Range<Int>) -> [T]) -> [T] {
        let cores = count >= minimum ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        guard cores > 1, count > 1 else { return transform(0..<count) }
        let lanes = min(cores * max(1, chunksPerCore), count)
        let chunk = (count + lanes - 1) / lanes
        let parts = Mutex([[T]](repeating: [], count: lanes))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let done = transform(min(lane * chunk, count)..<min((lane + 1) * chunk, count))
            parts.withLock { $0[lane] = done }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
