/// A small, fast, seeded random number generator (SplitMix64), so every run of the bench makes
/// the same inputs. Not for anything secret.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for item `index` of stream `stream`: item i can be remade on its own, without
    /// replaying items 0..<i.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        var s = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = s.next() ^ (index &* 0xBF58_476D_1CE4_E5B9)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n > 0); the tiny modulo bias does not matter for bench inputs.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability p.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
