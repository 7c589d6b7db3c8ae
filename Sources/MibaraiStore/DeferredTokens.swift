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
        pairs.sort { ($0.token, $0.record) < ($1.token, $1.record) }
        var insert = try RawStatement(db, sql: "INSERT OR IGNORE INTO blinded_token (token, record) VALUES (?, ?)")
        for p in pairs {
            insert.bind(1, p.token)
            insert.bind(2, p.record)
            try insert.run(db)
        }
        pairs.removeAll(keepingCapacity: true)
    }
}
