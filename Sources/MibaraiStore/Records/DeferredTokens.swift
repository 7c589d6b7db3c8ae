import GRDB
import MibaraiCore

/// Token index entries (`blinded_token`) collected during one transaction and written at its end
/// in key order, so each page of the index changes once however many records the transaction
/// wrote. A record row deleted or replaced later in the same transaction takes back the entries
/// collected for it so far (``forget(record:)``); the entries of the row written after that stay.
struct DeferredTokens {
    private var pairs: [(token: Int64, record: Int64)] = []
    /// Record → how many pairs had been collected when its row went; earlier pairs of it are dropped.
    private var forgotten: [Int64: Int] = [:]

    init(reservingFor records: Int = 0) {
        pairs.reserveCapacity(records * TokenType.allCases.count)
    }

    mutating func append(token: Int64, record: Int64) {
        pairs.append((token, record))
    }

    /// The row of `record` was deleted (or is about to be replaced) in this transaction.
    mutating func forget(record: Int64) {
        forgotten[record] = pairs.count
    }

    /// Inserts the collected entries, sorted, and empties the collection.
    mutating func write(_ db: Database) throws {
        if !forgotten.isEmpty {
            var kept: [(token: Int64, record: Int64)] = []
            kept.reserveCapacity(pairs.count)
            for (i, p) in pairs.enumerated() where forgotten[p.record].map({ i >= $0 }) ?? true { kept.append(p) }
            pairs = kept
            forgotten = [:]
        }
        pairs = Self.sortedByToken(pairs)
        // Many rows per statement: one step writes them all, so SQLite keeps its cursor on the
        // index page it is writing (appending into an empty index skips the search) and the
        // statement is set up and reset once per `rowsPerStatement` rows, not once per row.
        var i = 0
        if pairs.count >= Self.rowsPerStatement {
            var bulk = try RawStatement(db, sql: Self.bulkInsertSQL)
            while i + Self.rowsPerStatement <= pairs.count {
                for k in 0..<Self.rowsPerStatement {
                    bulk.bind(Int32(2 * k + 1), pairs[i + k].token)
                    bulk.bind(Int32(2 * k + 2), pairs[i + k].record)
                }
                try bulk.run(db)
                i += Self.rowsPerStatement
            }
        }
        if i < pairs.count {
            var insert = try RawStatement(db, sql: Self.insertSQL)
            for p in pairs[i...] {
                insert.bind(1, p.token)
                insert.bind(2, p.record)
                try insert.run(db)
            }
        }
        pairs.removeAll(keepingCapacity: true)
    }

    /// `pairs` ordered by token and, within one token, as they came (records are appended in rowid
    /// order when noted changes are applied, so that is (token, record) order there; any order
    /// within one token writes the same index). Below a few thousand pairs the standard library's
    /// sort; above, an LSD radix sort, 8 bits a pass, written by hand: the standard sort (a merge
    /// sort, a comparison a step) took the writer about as long as writing the pairs on a
    /// bootstrap of a million records (5 million pairs; `perf`).
    static func sortedByToken(_ pairs: [(token: Int64, record: Int64)]) -> [(token: Int64, record: Int64)] {
        guard pairs.count > 4_096 else { return pairs.sorted { ($0.token, $0.record) < ($1.token, $1.record) } }
        // Keys with the sign bit flipped order as unsigned bytes as the signed tokens order.
        func digit(_ token: Int64, _ d: Int) -> Int { Int(truncatingIfNeeded: (UInt64(bitPattern: token) ^ (1 << 63)) >> (8 * d)) & 0xFF }
        var counts = [Int](repeating: 0, count: 8 * 256)
        pairs.withUnsafeBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { c in
                for p in s { for d in 0..<8 { c[d * 256 + digit(p.token, d)] += 1 } }
            }
        }
        var source = pairs
        var target = pairs
        for d in 0..<8 {
            // A digit every key shares moves nothing.
            if counts[(d * 256)..<(d * 256 + 256)].contains(pairs.count) { continue }
            var next = [Int](repeating: 0, count: 256)
            var sum = 0
            for b in 0..<256 {
                next[b] = sum
                sum += counts[d * 256 + b]
            }
            source.withUnsafeBufferPointer { s in
                target.withUnsafeMutableBufferPointer { t in
                    next.withUnsafeMutableBufferPointer { n in
                        for p in s {
                            let b = digit(p.token, d)
                            t[n[b]] = p
                            n[b] += 1
                        }
                    }
                }
            }
            swap(&source, &target)
        }
        return source
    }

    /// Rows per bulk statement: 512 variables, within every SQLite's limit (999 before 3.32).
    static let rowsPerStatement = 256
    private static let insertSQL = "INSERT OR IGNORE INTO blinded_token (token, record) VALUES (?, ?)"
    private static let bulkInsertSQL =
        "INSERT OR IGNORE INTO blinded_token (token, record) VALUES " + repeatElement("(?, ?)", count: rowsPerStatement).joined(separator: ", ")
}
