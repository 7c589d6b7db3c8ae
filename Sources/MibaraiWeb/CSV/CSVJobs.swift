import Foundation
import Synchronization

/// The CSV jobs of the page, in memory: a few at a time, the oldest dropped first.
final class CSVJobs: Sendable {
    static let kept = 4
    private let jobs = Mutex<[CSVJob]>([])

    func add(_ job: CSVJob) {
        jobs.withLock { j in
            j.append(job)
            if j.count > Self.kept { j.removeFirst(j.count - Self.kept) }
        }
    }

    /// The job with this id, when it belongs to this session.
    func job(_ id: String, session: String) -> CSVJob? {
        jobs.withLock { $0.first { $0.id == id && $0.session == session } }
    }

    func update(_ id: String, _ change: (inout CSVJob) -> Void) {
        jobs.withLock { j in
            if let i = j.firstIndex(where: { $0.id == id }) { change(&j[i]) }
        }
    }
}
