import Synchronization

/// Slows password guessing: after ``allowedFailures`` wrong passwords within ``window``, sign-in
/// is refused until the oldest of them is older than the window. One count for the whole page
/// (it listens on loopback, where every browser has the same address); a right password does not
/// reset it early, so a guesser cannot interleave a known session to keep going.
final class LoginThrottle: Sendable {
    let allowedFailures: Int
    let window: Duration
    private let failures = Mutex<[ContinuousClock.Instant]>([])

    init(allowedFailures: Int = 5, window: Duration = .seconds(300)) {
        self.allowedFailures = allowedFailures
        self.window = window
    }

    /// Seconds to wait before the next attempt; nil when one may be made now.
    func wait(now: ContinuousClock.Instant = .now) -> Int? {
        failures.withLock { f in
            f.removeAll { now - $0 >= window }
            guard f.count >= allowedFailures, let oldest = f.first else { return nil }
            let left = window - (now - oldest)
            return max(1, Int(left.components.seconds) + 1)
        }
    }

    func failed(now: ContinuousClock.Instant = .now) {
        failures.withLock { $0.append(now) }
    }
}
