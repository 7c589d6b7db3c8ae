import MibaraiCore

/// The lookup index (token prefix → record) held in memory, sorted.
///
/// Most orders a shop checks match nothing: with this index a lookup answers those with a binary
/// search per token and never touches SQLite, and a possible hit reads only the record rows.
/// 16 bytes per stored token (about 75 MB for a million records). A snapshot of the file at
/// `AppDatabase.tokenIndex()`: a long-running node that stores records adds them with `insert(_:)`.
public struct TokenIndex: Sendable {
    /// Token prefixes (first 8 bytes, signed big-endian), ascending; `records[i]` goes with `keys[i]`.
    private var keys: [Int64]
    private var records: [Int64]

    init(keys: [Int64], records: [Int64]) {
        precondition(keys.count == records.count)
        self.keys = keys
        self.records = records
    }

    public var count: Int { keys.count }

    /// The first position whose key is not below `key`.
    private func lowerBound(_ key: Int64) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// True when some stored token shares this value's 8-byte prefix.
    public func mightContain(_ value: TokenValue) -> Bool {
        let key = Int64(bitPattern: value.high)
        let i = lowerBound(key)
        return i < keys.count && keys[i] == key
    }

    /// Calls `body` with every record (rowid) holding a token with this value's prefix.
    func forEachRecord(_ value: TokenValue, _ body: (Int64) -> Void) {
        let key = Int64(bitPattern: value.high)
        var i = lowerBound(key)
        while i < keys.count && keys[i] == key {
            body(records[i])
            i += 1
        }
    }

    /// Adds the tokens of records just stored.
    public mutating func insert(_ record: BlindedRecord) {
        let rowid = AppDatabase.rowid(record.id)
        for t in record.tokens {
            let key = Int64(bitPattern: t.value.high)
            var i = lowerBound(key)
            while i < keys.count && keys[i] == key && records[i] < rowid { i += 1 }
            if i < keys.count && keys[i] == key && records[i] == rowid { continue }
            keys.insert(key, at: i)
            records.insert(rowid, at: i)
        }
    }
}
