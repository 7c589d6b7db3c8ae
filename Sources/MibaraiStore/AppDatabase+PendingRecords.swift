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
    /// decoded together (smaller in tests, to exercise the hand-over between slices).
    @discardableResult
    static func applyPendingRecordChanges(_ db: Database, decodeSlice: Int = defaultDecodeSlice) throws -> Int {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM log_pending)") == true else { return 0 }
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
        try db.execute(sql: "DELETE FROM log_pending")
        return applied
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
            return Int64(bitPattern: body.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        case .admit, .epochKey, .revoke:
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
