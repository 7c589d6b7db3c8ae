import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// Stores blinded records (insert, or replace the record with the same id), all in one transaction.
    public func store(_ records: [BlindedRecord]) throws(StoreError) {
        try write { db in
            var index = DeferredTokens(reservingFor: records.count)
            for r in records { try Self.upsertBlinded(r, db, deferIndex: &index) }
            try index.write(db)
            // The node's own records may be among them (blinded again under a new epoch).
            try Self.bumpLocalChange(db)
        }
    }

    public func blindedRecordCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM blinded_record") ?? 0 }
    }

    /// Deletes blinded records whose expiry is before `today`, and erases the personal data of
    /// this node's own expired reports (their category, amounts, dates and history stay, for the
    /// shop's accounts); returns how many blinded records were removed. Record changes noted while
    /// catching up are left to the node that noted them (a command must not take the write lock
    /// for a whole apply); a record they add that has expired goes at the next purge.
    @discardableResult
    public func purgeExpired(today: LocalDate) throws(StoreError) -> Int {
        try write { db in
            let ids = try Data.fetchAll(db, sql: "SELECT uid FROM blinded_record WHERE expires_day < ?", arguments: [today.daysSinceEpoch])
            for id in ids { _ = try Self.deleteBlinded(ReportID(bytes: Array(id))!, db) }
            let expired = try Data.fetchAll(db, sql: """
                SELECT id FROM report WHERE expires_on < ? AND coalesce(name, name_kana, postal_code, address, phone, email) IS NOT NULL
                """, arguments: [today.description])
            for id in expired {
                try db.execute(sql: """
                    UPDATE report SET name = NULL, name_kana = NULL, postal_code = NULL, address = NULL, phone = NULL, email = NULL
                    WHERE id = ?
                    """, arguments: [id])
                try Self.logEvent(ReportID(bytes: Array(id))!, on: today, kind: "expired", detail: "personal data erased", db)
            }
            return ids.count
        }
    }

    /// Drops the blinded records of other origins made under `epochs` (the epochs have retired at
    /// this node: ``EpochRetirement``), with their tokens; the log entries that carried them stay.
    /// As with `purgeExpired`, a record of a retired epoch still noted goes at the next run.
    /// Returns how many were dropped.
    @discardableResult
    public func dropBlinded(epochs: [UInt32], exceptOrigin origin: String) throws(StoreError) -> Int {
        guard !epochs.isEmpty else { return 0 }
        return try write { db in
            var dropped = 0
            for epoch in epochs {
                let ids = try Data.fetchAll(db, sql: "SELECT uid FROM blinded_record WHERE epoch = ? AND origin <> ?",
                                            arguments: [Int64(epoch), origin])
                for id in ids where try Self.deleteBlinded(ReportID(bytes: Array(id))!, db) { dropped += 1 }
            }
            return dropped
        }
    }

    /// Reads the whole lookup index into memory (one sequential scan of the token index).
    ///
    /// - Parameters:
    ///   - every: how many entries between two calls of `progress`; by default 2¹⁸ (some 30 ms of
    ///     reading: a million records hold about six million entries).
    ///   - progress: hears the entries read and their number: before the first, every `every`
    ///     entries, and once all are read.
    public func tokenIndex(every: Int = 1 << 18, progress: (_ read: Int, _ of: Int) -> Void = { _, _ in }) throws(StoreError) -> TokenIndex {
        try read { db in
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM blinded_token") ?? 0
            progress(0, n)
            var keys: [Int64] = [], records: [Int64] = []
            keys.reserveCapacity(n)
            records.reserveCapacity(n)
            let rows = try Row.fetchCursor(db, sql: "SELECT token, record FROM blinded_token ORDER BY token, record")
            var next = every
            while let row = try rows.next() {
                keys.append(row[0])
                records.append(row[1])
                if keys.count == next, keys.count < n {
                    progress(keys.count, n)
                    next += every
                }
            }
            progress(keys.count, keys.count)
            return TokenIndex(keys: keys, records: records)
        }
    }

    /// Looks up many identities in one read transaction. For each query (its tokens, under every
    /// accepted epoch), returns the records holding any of them, with the token values they hold.
    /// With an in-memory `index`, queries it finds nothing for never reach SQLite, and the others
    /// read only their record rows.
    public func candidates(
        for queries: [[BlindToken]], index: TokenIndex? = nil
    ) throws(StoreError) -> [[(RecordSummary, Set<TokenValue>)]] {
        let pending = Self.pending(queries, index: index)
        guard !pending.isEmpty else { return Self.noCandidates(queries.count) }
        return try read { db in try Self.candidates(db, queries, pending: pending, index: index) }
    }

    /// ``candidates(for:index:)`` read on one of the pool's reader threads: the caller suspends
    /// meanwhile, and no thread of Swift's cooperative pool waits on SQLite (the screening API).
    public func candidates(
        for queries: [[BlindToken]], index: TokenIndex? = nil
    ) async throws(StoreError) -> [[(RecordSummary, Set<TokenValue>)]] {
        let pending = Self.pending(queries, index: index)
        guard !pending.isEmpty else { return Self.noCandidates(queries.count) }
        return try await asyncRead { db in try Self.candidates(db, queries, pending: pending, index: index) }
    }

    private static func noCandidates(_ count: Int) -> [[(RecordSummary, Set<TokenValue>)]] {
        [[(RecordSummary, Set<TokenValue>)]](repeating: [], count: count)
    }

    /// The queries that may match: with an in-memory index, those it finds a token of.
    private static func pending(_ queries: [[BlindToken]], index: TokenIndex?) -> [Int] {
        if let index, queries.count >= 256 {
            // Most queries of a large batch match nothing: the binary searches that say so run
            // on all cores.
            let possible = Lanes.map(queries.indices) { i in queries[i].contains { index.mightContain($0.value) } }
            return queries.indices.filter { possible[$0] }
        }
        var pending: [Int] = []
        for (i, q) in queries.enumerated() where !q.isEmpty {
            if let index, !q.contains(where: { index.mightContain($0.value) }) { continue }
            pending.append(i)
        }
        return pending
    }

    /// The records each pending query's tokens reach, with the token values they hold.
    private static func candidates(
        _ db: Database, _ queries: [[BlindToken]], pending: [Int], index: TokenIndex?
    ) throws -> [[(RecordSummary, Set<TokenValue>)]] {
        var results = noCandidates(queries.count)
        let probe = try db.cachedStatement(sql: "SELECT record FROM blinded_token WHERE token = ?")
        let fetch = try db.cachedStatement(sql: """
            SELECT uid, origin, epoch, category, amount_yen, month, status, expires_day, token_types, tokens
            FROM blinded_record WHERE rowid = ?
            """)
        for i in pending {
            let query = queries[i]
            var rowids: [Int64] = []
            for t in query {
                if let index {
                    index.forEachRecord(t.value) { if !rowids.contains($0) { rowids.append($0) } }
                } else {
                    let cursor = try Int64.fetchCursor(probe, arguments: [Int64(bitPattern: t.value.high)])
                    while let h = try cursor.next() {
                        if !rowids.contains(h) { rowids.append(h) }
                    }
                }
            }
            var found: [(RecordSummary, Set<TokenValue>)] = []
            for rowid in rowids {
                guard let row = try Row.fetchOne(fetch, arguments: [rowid]) else { continue }
                let blob: Data = row[9]
                var held = Set<TokenValue>()
                forEachToken(in: blob) { v in if query.contains(where: { $0.value == v }) { held.insert(v) } }
                guard !held.isEmpty else { continue }  // an 8-byte prefix collision, not a match
                found.append((try summary(from: row), held))
            }
            results[i] = found
        }
        return results
    }

    static func rowid(_ id: ReportID) -> Int64 { rowid(reportIDBytes: id.bytes) }

    /// A record's rowid from its report id's bytes (at least 8): the first 8, big-endian.
    static func rowid(reportIDBytes bytes: some Collection<UInt8>) -> Int64 {
        Int64(bitPattern: bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    static func upsertBlinded(_ r: BlindedRecord, _ db: Database) throws {
        var index = DeferredTokens()
        try upsertBlinded(r, db, deferIndex: &index)
        try index.write(db)
    }

    /// Writes the record row and appends its index entries to `index` (inserted sorted, later).
    static func upsertBlinded(_ r: BlindedRecord, _ db: Database, deferIndex index: inout DeferredTokens) throws {
        let rowid = rowid(r.id)
        let uid = Data(r.id.bytes)
        if let existing = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT uid, tokens FROM blinded_record WHERE rowid = ?"), arguments: [rowid]
        ) {
            guard (existing[0] as Data) == uid else { throw StoreError.corrupt("record id collides with another record") }
            try deleteIndex(rowid: rowid, blob: existing[1], db)
            index.forget(record: rowid)
        }
        try writeBlinded(BlindedRow(r), ifAbsent: false, db, deferIndex: &index)
    }

    /// `INSERT OR IGNORE` (`ifAbsent`) or `INSERT OR REPLACE`; the index entries are added only
    /// when a row was written.
    @discardableResult
    static func writeBlinded(_ row: BlindedRow, ifAbsent: Bool, _ db: Database, deferIndex index: inout DeferredTokens) throws -> Bool {
        var insert = try RawStatement(db, sql: ifAbsent ? insertIfAbsentSQL : insertOrReplaceSQL)
        insert.bind(1, row.rowid)
        insert.bind(2, bytes: row.uid)
        insert.bind(3, row.origin)
        insert.bind(4, row.epoch)
        insert.bind(5, row.category)
        insert.bind(6, row.amountYen)
        insert.bind(7, row.month)
        insert.bind(8, row.status)
        insert.bind(9, row.expiresDay)
        insert.bind(10, row.tokenTypes)
        insert.bind(11, bytes: row.tokens)
        guard try insert.run(db) > 0 else { return false }
        for key in row.keys { index.append(token: key, record: row.rowid) }
        return true
    }

    private static let insertIfAbsentSQL = blindedInsert("INSERT OR IGNORE")
    private static let insertOrReplaceSQL = blindedInsert("INSERT OR REPLACE")
    private static func blindedInsert(_ verb: String) -> String {
        """
        \(verb) INTO blinded_record
            (rowid, uid, origin, epoch, category, amount_yen, month, status, expires_day, token_types, tokens)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    }

    static func deleteIndex(rowid: Int64, blob: Data, _ db: Database) throws {
        let delete = try db.cachedStatement(sql: "DELETE FROM blinded_token WHERE token = ? AND record = ?")
        var failure: (any Error)?
        forEachToken(in: blob) { v in
            do { try delete.execute(arguments: [Int64(bitPattern: v.high), rowid]) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    static func deleteBlinded(_ id: ReportID, _ db: Database) throws -> Bool {
        let rowid = rowid(id)
        guard let row = try Row.fetchOne(db, sql: "SELECT uid, tokens FROM blinded_record WHERE rowid = ?", arguments: [rowid]),
              (row[0] as Data) == Data(id.bytes)
        else { return false }
        try deleteIndex(rowid: rowid, blob: row[1], db)
        try db.execute(sql: "DELETE FROM blinded_record WHERE rowid = ?", arguments: [rowid])
        return true
    }

    /// Calls `body` with each 16-byte token value in a record's `tokens` blob.
    static func forEachToken(in blob: Data, _ body: (TokenValue) -> Void) {
        blob.withUnsafeBytes { raw in
            var i = 0
            while i + 16 <= raw.count {
                let high = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let low = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                body(TokenValue(high: high, low: low))
                i += 16
            }
        }
    }

    /// `YYYY-MM` → yyyymm.
    static func monthNumber(_ month: String) -> Int {
        // "YYYY-MM" (ASCII) without building a new string; anything else the slow way.
        var n = 0, digits = 0
        for c in month.utf8 {
            if c >= 0x30 && c <= 0x39 {
                n = n &* 10 &+ Int(c - 0x30)
                digits += 1
            } else if c >= 0x80 {
                return Int(month.filter(\.isNumber)) ?? 0
            }
        }
        return digits > 0 && digits <= 18 ? n : (Int(month.filter(\.isNumber)) ?? 0)
    }

    static func summary(from row: Row) throws -> RecordSummary {
        let uid: Data = row[0]
        let month: Int = row[5]
        guard let id = ReportID(bytes: Array(uid)),
              let category = ReportCategory(rawValue: UInt8(clamping: row[3] as Int)),
              let status = ReportStatus(rawValue: UInt8(clamping: row[6] as Int))
        else { throw StoreError.corrupt("blinded_record row") }
        let m = month % 100
        return RecordSummary(
            header: RecordHeader(
                id: id, origin: row[1], epoch: UInt32(clamping: row[2] as Int64), category: category,
                amountYen: row[4], month: "\(month / 100)-\(m < 10 ? "0" : "")\(m)", status: status,
                expiresOn: LocalDate(daysSinceEpoch: row[7])
            ),
            tokenTypes: TokenType.set(fromMask: UInt8(clamping: row[8] as Int))
        )
    }
}
