import Foundation
import GRDB
import MibaraiCore

/// Reading the held log back, as `StoredLogArchive` and a node's start need it.
extension AppDatabase {
    /// Calls `body` with every held entry's bytes, in the order `FederationLog` takes them back:
    /// the operator's log first (members are admitted there), then by origin and seq. One read
    /// transaction; entries are not gathered, so memory does not grow with the log.
    public func forEachLogEntry(operator op: NodeID, _ body: ([UInt8]) throws -> Void) throws(StoreError) {
        try read { db in
            let opData = Data(op.bytes)
            let first = try Data.fetchCursor(db, sql: "SELECT entry FROM log_entry WHERE origin = ? ORDER BY seq", arguments: [opData])
            while let e = try first.next() { try body(Array(e)) }
            let rest = try Data.fetchCursor(db, sql: "SELECT entry FROM log_entry WHERE origin <> ? ORDER BY origin, seq", arguments: [opData])
            while let e = try rest.next() { try body(Array(e)) }
        }
    }

    /// The bytes of `origin`'s held entries `from` through `through`, in seq order.
    public func logEntries(of origin: NodeID, from: UInt64, through: UInt64) throws(StoreError) -> [[UInt8]] {
        try read { db in
            try Data.fetchAll(db.cachedStatement(sql: "SELECT entry FROM log_entry WHERE origin = ? AND seq BETWEEN ? AND ? ORDER BY seq"),
                              arguments: [Data(origin.bytes), Int64(clamping: from), Int64(clamping: through)]).map { Array($0) }
        }
    }

    /// `logEntries(of:naming:)` for many records, in one read transaction; in the order given.
    public func logEntries(naming records: [(origin: NodeID, id: ReportID)]) throws(StoreError) -> [[[UInt8]]] {
        try read { db in
            let statement = try db.cachedStatement(sql: Self.entriesNamingSQL)
            return try records.map { r in
                try Data.fetchAll(statement, arguments: [Data(r.origin.bytes), Data(r.id.bytes)]).map { Array($0) }
            }
        }
    }

    /// The bytes of `origin`'s held entries whose body begins with `id` (its `publish`, `status`
    /// and `withdraw` entries for that record, and any other entry whose bytes there happen to
    /// match: the caller decodes), in seq order. Through migration v14's index, named: the
    /// planner would otherwise take the primary key and read the origin's whole log.
    public func logEntries(of origin: NodeID, naming id: ReportID) throws(StoreError) -> [[UInt8]] {
        try read { db in
            try Data.fetchAll(db.cachedStatement(sql: Self.entriesNamingSQL), arguments: [Data(origin.bytes), Data(id.bytes)]).map { Array($0) }
        }
    }

    static let entriesNamingSQL = """
        SELECT entry FROM log_entry INDEXED BY log_entry_by_record
        WHERE origin = ? AND substr(entry, 79, 16) = ? ORDER BY seq
        """
}
