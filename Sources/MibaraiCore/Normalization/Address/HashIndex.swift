/// A read-only map from 64-bit hashes (``PlaceKey/hash(_:seed:)``, already well mixed) to
/// `Int32` values, as an open-addressing table with linear probing.
///
/// The directory looks a prefix hash up at every position of a typed name (20–40 lookups per
/// address), most of them misses; `Dictionary` would run SipHash over each key first. Here a
/// lookup is a multiply, a shift and one or two loads.
struct HashIndex: Sendable {
    private var keys: [UInt64]
    /// `-1` marks an empty slot (stored values are never negative).
    private var values: [Int32]
    private let shift: UInt64

    /// The table of `pairs`; every value must be ≥ 0 and every key distinct.
    init(_ pairs: [UInt64: Int32]) {
        var bits = 4
        while (1 << bits) < pairs.count * 2 { bits += 1 }  // load factor ≤ 1/2
        let size = 1 << bits
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - bits)
        for (k, v) in pairs {
            precondition(v >= 0, "HashIndex values must be non-negative")
            var i = slot(k)
            while values[i] >= 0 { i = (i + 1) & (size - 1) }
            keys[i] = k
            values[i] = v
        }
    }

    /// Fibonacci hashing: the top bits of `key × 2⁶⁴/φ`.
    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored under `key`, or nil.
    @inline(__always) subscript(key: UInt64) -> Int32? {
        let mask = values.count - 1
        var i = slot(key)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if keys[i] == key { return v }
            i = (i + 1) & mask
        }
    }
}
