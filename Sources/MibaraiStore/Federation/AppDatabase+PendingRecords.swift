import Foundation
import GRDB
import MibaraiCore

/// Record changes noted while the node catches up (`saveLogEntries(…, stage: true)`), applied many
/// at a time.
///
/// A node pulling a hub's whole log would otherwise insert each record and its tokens at random
/// places of a table and an index that no longer fit in the page cache, and every transaction
/// would rewrite most of their pages. Noting the changes costs one appended row each; applying
/// them in record order (and the tokens in token order) changes each page once per batch.
/// Every change is keyed by its record's rowid, so applying them ordered by record, and by
/// arrival within one record, ends exactly where applying them in log order would.
extension AppDatabase {
    /// How many record changes wait to be applied.
    public func pendingRecordChangeCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM log_pending") ?? 0 }
    }

    /// Applies every waiting record change, in one transaction; returns how many were applied.
    @discardableResult
    public func applyPendingRecordChanges() throws(StoreError) -> Int {
        try write { db in try Self.applyPendingRecordChanges(db) }
    }

    /// In the caller's transaction. Cheap when nothing waits (one seek). `decodeSlice`: entries
    /// decoded together; `rebuildIndexesFrom`: see ``indexRebuildMinimum`` (both smaller in tests).
    @discardableResult
    static func applyPendingRecordChanges(
        _ db: Database, decodeSlice: Int = defaultDecodeSlice, rebuildIndexesFrom minimum: Int = indexRebuildMinimum
    ) throws -> Int {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM log_pending)") == true else { return 0 }
        // A new node's first apply fills an empty record table: its secondary indexes are dropped
        // and made again at the end, each in one sorted pass, instead of kept up row by row. Their
        // definitions are read back from the schema, so they come back exactly as the migrations
        // made them; the transaction puts them back if anything fails.
        var indexes: [String] = []
        if try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM blinded_record)") == true,
           try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM log_pending LIMIT ?)", arguments: [minimum]) == minimum {
            for (name, sql) in try indexDefinitions(of: "blinded_record", db) {
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
                indexes.append(sql)
            }
        }
        // The entries are read back from log_entry (they were verified when they were noted) and
        // decoded on the other cores a slice at a time, while the writer writes the slice before;
        // the changes go in one by one, in order.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.name, l.entry FROM log_pending p
            JOIN log_entry l ON l.origin = p.origin AND l.seq = p.seq
            ORDER BY p.record, p.id
            """)
        var index = DeferredTokens()
        var applied = 0
        func applyDecoded(_ decoding: PendingSliceDecode?) throws {
            guard let decoding else { return }
            for change in decoding.wait() {
                guard let change else { continue }
                try apply(change, db, deferIndex: &index)
                applied += 1
            }
        }
        var slice: [PendingSliceDecode.Noted] = []
        slice.reserveCapacity(decodeSlice)
        var decoding: PendingSliceDecode?
        while let row = try rows.next() {
            let name: String = row[0]
            // The entry's bytes are read in place (valid until the next row) and only its body copied.
            slice.append(try row.withUnsafeData(atIndex: 1) { PendingSliceDecode.Noted(name: name, entry: $0 ?? Data()) })
            guard slice.count == decodeSlice else { continue }
            let next = PendingSliceDecode(slice)
            slice = []
            slice.reserveCapacity(decodeSlice)
            try applyDecoded(decoding)
            decoding = next
        }
        let last = slice.isEmpty ? nil : PendingSliceDecode(slice)
        try applyDecoded(decoding)
        try applyDecoded(last)
        try index.write(db)
        for sql in indexes { try db.execute(sql: sql) }
        try db.execute(sql: "DELETE FROM log_pending")
        return applied
    }

    /// Noted changes an apply into an empty record table needs before it rebuilds the table's
    /// indexes instead of keeping them up (a smaller apply keeps them: the schema change makes
    /// every connection prepare its statements again).
    static let indexRebuildMinimum = 65_536

    /// The `CREATE INDEX` statements of the indexes made on `table` (not those SQLite makes for
    /// its keys), by name.
    static func indexDefinitions(of table: String, _ db: Database) throws -> [(name: String, sql: String)] {
        try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
            """, arguments: [table]).map { ($0[0], $0[1]) }
    }

    /// The same, read in a transaction of its own (the tests compare them before and after an apply).
    func indexDefinitions(of table: String) throws(StoreError) -> [String] {
        try read { db in try Self.indexDefinitions(of: table, db).map { "\($0.name): \($0.sql)" } }
    }

    /// Entries decoded together while applying noted changes.
    static let defaultDecodeSlice = 16_384

    /// The rowid of the record an entry of `kind` changes, from its encoded body: `publish`,
    /// `status` and `withdraw` bodies all begin with the 16-byte report id
    /// (`Protocol/federation.md`, "Entry kinds"); nil for the operator's kinds and a body too
    /// short to hold an id. Noting a change costs this instead of decoding the whole body.
    static func recordRowid(kind: LogEntryKind, body: [UInt8]) -> Int64? {
        switch kind {
        case .publish, .status, .withdraw:
            guard body.count >= 16 else { return nil }
            return rowid(reportIDBytes: body)
        case .admit, .epochKey, .revoke, .suppress, .lift, .reviewRequest, .reviewAnswer, .sealedMessage, .policy, .quota, .usage:
            return nil
        }
    }

    /// What an entry of origin `origin` (its member name) says about a blinded record.
    static func applyRecordChange(_ body: LogBody, origin name: String, _ db: Database, deferIndex index: inout DeferredTokens) throws {
        guard let change = RecordChange(body, origin: name) else { return }
        try apply(change, db, deferIndex: &index)
    }

    /// Any record already under a published record's rowid stays as it is: another id sharing its
    /// first 8 bytes, or the same id from another origin (which must not take it over). Status
    /// changes and withdrawals touch only that origin's record of that id.
    static func apply(_ change: RecordChange, _ db: Database, deferIndex index: inout DeferredTokens) throws {
        switch change {
        case .publish(let row):
            try writeBlinded(row, ifAbsent: true, db, deferIndex: &index)
        case .status(let id, let status, let name):
            try db.cachedStatement(sql: "UPDATE blinded_record SET status = ? WHERE rowid = ? AND uid = ? AND origin = ?")
                .execute(arguments: [Int(status.rawValue), rowid(id), Data(id.bytes), name])
        case .withdraw(let id, let name):
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM blinded_record WHERE rowid = ? AND origin = ?"),
                                 arguments: [rowid(id), name]) == true {
                if try deleteBlinded(id, db) { index.forget(record: rowid(id)) }
            }
        }
    }
}
