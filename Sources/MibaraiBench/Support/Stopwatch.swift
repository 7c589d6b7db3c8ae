/// Timing on `ContinuousClock`, in seconds and nanoseconds as `Double`.
struct Stopwatch {
    static let clock = ContinuousClock()
    private var start: ContinuousClock.Instant

    init() { start = Self.clock.now }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    static func nanoseconds(_ d: Duration) -> Double { seconds(d) * 1e9 }

    var elapsed: Duration { Self.clock.now - start }
    var elapsedSeconds: Double { Self.seconds(elapsed) }

    /// Runs `body` and returns its value and the seconds it took.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let sw = Stopwatch()
        let v = try body()
        return (v, sw.elapsedSeconds)
    }

    static func time<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let sw = Stopwatch()
        let v = try await body()
        return (v, sw.elapsedSeconds)
    }
}

/// Percentiles of a set of latency samples (nanoseconds), nearest-rank on the sorted samples.
struct Latencies {
    let sorted: [Double]

    init(_ samples: [Double]) { sorted = samples.sorted() }

    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var mean: Double { sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count) }
}
