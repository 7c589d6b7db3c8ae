import Foundation
import Synchronization

/// Pure work over a large range split across the cores, results in order: the one place the
/// node's computations (normalising a batch, reading a CSV, deciding on orders) use more than
/// one thread. No I/O runs in a lane.
public enum Lanes {
    /// `transform` over consecutive chunks of `0..<count` (when `count` reaches `minimum`,
    /// `chunksPerCore` per core, taken as cores come free; else one), each chunk's results in
    /// order, the chunks joined in order.
    public static func map<T: Sendable>(_ count: Int, minimum: Int, chunksPerCore: Int = 1,
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

    /// `indices.map(transform)`, split across the cores for 256 elements or more; same order.
    /// Several chunks per core, taken as cores come free: a core that another thread slows down
    /// takes fewer of them instead of holding the others up.
    public static func map<T: Sendable>(_ indices: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
        let cores = indices.count >= 256 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        guard cores > 1 else { return indices.map(transform) }
        let lanes = min(cores * 8, max(cores, indices.count / 128))
        let chunk = (indices.count + lanes - 1) / lanes
        let parts = Mutex([[T]](repeating: [], count: lanes))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let lo = indices.lowerBound + min(lane * chunk, indices.count)
            let hi = indices.lowerBound + min((lane + 1) * chunk, indices.count)
            let done = (lo..<hi).map(transform)
            parts.withLock { $0[lane] = done }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
