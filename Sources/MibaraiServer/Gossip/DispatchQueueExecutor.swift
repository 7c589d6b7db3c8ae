import Dispatch

/// A serial executor on a dispatch queue of its own. An actor that runs on it (``GossipNode``)
/// may do SQLite's synchronous reads, writes and fsyncs, and wait for its signature checks'
/// lanes, without holding one of the few threads of Swift's cooperative pool that the HTTP
/// handlers and every other task need.
final class DispatchQueueExecutor: SerialExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
