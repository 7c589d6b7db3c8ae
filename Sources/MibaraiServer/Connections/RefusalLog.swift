import Logging
import Synchronization

/// Logs connections refused by the ``ConnectionBudget`` at most once per `every` for each listener
/// and reason, with how many were refused since the last line: a flood of connections makes a few
/// lines, not one per connection. No address is logged.
final class RefusalLog: Sendable {
    private struct Key: Hashable {
        var listener: String
        var reason: String
    }

    private struct Tally {
        var lastLogged: ContinuousClock.Instant
        var since = 0
    }

    private let logger: Logger
    private let every: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let tallies = Mutex<[Key: Tally]>([:])

    init(logger: Logger, every: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.logger = logger
        self.every = every
        self.now = now
    }

    /// One more refusal; returns the count logged, or nil when this one was only counted.
    @discardableResult
    func refused(listener: String, reason: String, share: Int?) -> Int? {
        let t = now()
        let key = Key(listener: listener, reason: reason)
        let count: Int? = tallies.withLock { tallies in
            if var tally = tallies[key] {
                tally.since += 1
                guard t - tally.lastLogged >= every else {
                    tallies[key] = tally
                    return nil
                }
                tallies[key] = Tally(lastLogged: t)
                return tally.since
            }
            tallies[key] = Tally(lastLogged: t)
            return 1
        }
        if let count {
            var metadata: Logger.Metadata = ["listener": "\(listener)", "reason": "\(reason)", "refused": "\(count)"]
            if let share { metadata["share"] = "\(share)" }
            logger.notice("connections refused at the cap", metadata: metadata)
        }
        return count
    }
}
