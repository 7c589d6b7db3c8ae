/// A token bucket with injected time: holds up to `capacity` tokens, refills at `perSecond`.
public struct TokenBucket: Sendable, Hashable {
    public let capacity: Double
    public let perSecond: Double
    public private(set) var tokens: Double
    private var last: Duration

    public init(capacity: Double, perSecond: Double, now: Duration) {
        self.capacity = capacity
        self.perSecond = perSecond
        tokens = capacity
        last = now
    }

    /// Takes `n` tokens if there are that many after refilling to `now`; false (and nothing taken) if not.
    public mutating func take(_ n: Double, now: Duration) -> Bool {
        if now > last {
            let c = (now - last).components
            let seconds = Double(c.seconds) + Double(c.attoseconds) / 1e18
            tokens = min(capacity, tokens + seconds * perSecond)
            last = now
        }
        guard tokens >= n else { return false }
        tokens -= n
        return true
    }
}
