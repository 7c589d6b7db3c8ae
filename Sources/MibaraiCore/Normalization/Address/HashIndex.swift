/// A read-only map from 64-bit hashes (``PlaceKey/hash(_:seed:)``, already well mixed) to
/// `Int32` values, as an open-addressing table with linear probing.
///
/// The directory looks a prefix hash up at every position of a typed name (20–40 lookups per
/// address), most of them misses; `Dictionary` would run SipHash over each key first. Here a
/// lookup is a multiply, a shift and one or two loads.
///
/// The tables are large (the town index holds ~10⁵ keys, megabytes): a probe is a cache miss.
/// A small bit filter (8 bits per key, one bit set per key) answers most misses first: a clear
/// bit means the key is absent for sure, so the table is only probed on a set bit.
struct HashIndex: Sendable {
    private var keys: [UInt64]
    /// `-1` marks an empty slot (stored values are never negative).
    private var values: [Int32]
    private let shift: UInt64
    private var filter: [UInt64]
    private let filterShift: UInt64

    /// The table of `pairs`; every value must be ≥ 0 and every key distinct.
    init(_ pairs: [UInt64: Int32]) {
        var bits = 4
        while (1 << bits) < pairs.count * 2 { bits += 1 }  // load factor ≤ 1/2
        let size = 1 << bits
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - bits)
        let filterBits = bits + 2  // 8 filter bits per key at most
        filter = [UInt64](repeating: 0, count: (1 << filterBits) / 64)
        filterShift = UInt64(64 - filterBits)
        for (k, v) in pairs {
            let f = Self.filterBit(k, filterShift)
            filter[f >> 6] |= 1 << UInt64(f & 63)
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

    /// The filter bit of a key: the top bits of another multiplicative hash.
    @inline(__always) private static func filterBit(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> shift)
    }

    /// The value stored under `key`, or nil.
    @inline(__always) subscript(key: UInt64) -> Int32? {
        let f = Self.filterBit(key, filterShift)
        if filter[f >> 6] & (1 << UInt64(f & 63)) == 0 { return nil }
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
