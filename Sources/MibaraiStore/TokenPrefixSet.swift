import MibaraiCore

/// Every token prefix (first 8 bytes) in the lookup index, sorted, in memory.
///
/// Most orders a shop checks match nothing; with this set a lookup answers those without touching
/// SQLite (a binary search per token), and only possible hits read the database. About 8 bytes per
/// stored token. A snapshot: a long-running caller that writes records adds their tokens with
/// `insert(_:)`.
public struct TokenPrefixSet: Sendable {
    private var sorted: [Int64]

    init(sorted: [Int64]) { self.sorted = sorted }

    public var count: Int { sorted.count }

    public func mightContain(_ value: TokenValue) -> Bool {
        let key = Int64(bitPattern: value.high)
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == key
    }

    public mutating func insert(_ tokens: [BlindToken]) {
        for t in tokens {
            let key = Int64(bitPattern: t.value.high)
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if sorted[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            if lo == sorted.count || sorted[lo] != key { sorted.insert(key, at: lo) }
        }
    }
}
