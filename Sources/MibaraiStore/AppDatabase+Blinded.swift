import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// Stores blinded records (insert or replace by id), all in one transaction.
    public func store(_ records: [BlindedRecord]) throws(StoreError) {
        try write { db in
            for r in records { try Self.upsertBlinded(r, db) }
        }
    }

    /// Removes a blinded record and its tokens; false if there was none.
    @discardableResult
    public func removeBlinded(_ id: ReportID) throws(StoreError) -> Bool {
        try write { db in try Self.deleteBlinded(id, db) }
    }

    public func blindedRecordCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM blinded_record") ?? 0 }
    }

    /// Deletes blinded records whose expiry is before `today`, and marks the node's own expired
    /// reports; returns how many blinded records were removed.
    @discardableResult
    public func purgeExpired(today: LocalDate) throws(StoreError) -> Int {
        try write { db in
            let ids = try Data.fetchAll(db, sql: "SELECT uid FROM blinded_record WHERE expires_on < ?", arguments: [today.description])
            for id in ids { _ = try Self.deleteBlinded(ReportID(bytes: Array(id))!, db) }
            return ids.count
        }
    }

    /// Looks up many identities in one read transaction. For each query (its tokens, under every
    /// accepted epoch), returns the records holding any of them, with the token values they hold.
    public func candidates(for queries: [[BlindToken]]) throws(StoreError) -> [[(RecordSummary, Set<TokenValue>)]] {
        try read { db in
            let probe = try db.cachedStatement(sql: "SELECT record FROM blinded_token WHERE token = ?")
            let fetch = try db.cachedStatement(sql: """
                SELECT uid, origin, epoch, category, amount_yen, month, status, expires_on, tokens
                FROM blinded_record WHERE rowid = ?
                """)
            return try queries.map { query in
                var rowids: [Int64] = []
                for t in query {
                    let hits = try Int64.fetchAll(probe, arguments: [Int64(bitPattern: t.value.high)])
                    for h in hits where !rowids.contains(h) { rowids.append(h) }
                }
                guard !rowids.isEmpty else { return [] }
                let wanted = Set(query.map(\.value))
                return try rowids.compactMap { rowid -> (RecordSummary, Set<TokenValue>)? in
                    guard let row = try Row.fetchOne(fetch, arguments: [rowid]) else { return nil }
                    let tokens = try Self.decodeTokens(row["tokens"])
                    let held = Set(tokens.map(\.value)).intersection(wanted)
                    guard !held.isEmpty else { return nil }  // an 8-byte prefix collision, not a match
                    return (try Self.summary(from: row, tokens: tokens), held)
                }
            }
        }
    }

    static func upsertBlinded(_ r: BlindedRecord, _ db: Database) throws {
        _ = try deleteBlinded(r.id, db)
        try db.execute(
            sql: """
            INSERT INTO blinded_record (uid, origin, epoch, category, amount_yen, month, status, expires_on, tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                Data(r.id.bytes), r.origin, Int64(r.epoch), Int(r.category.rawValue), r.amountYen, r.month,
                Int(r.status.rawValue), r.expiresOn.description, encodeTokens(r.tokens),
            ]
        )
        let rowid = db.lastInsertedRowID
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO blinded_token (token, record) VALUES (?, ?)")
        for t in r.tokens {
            try insert.execute(arguments: [Int64(bitPattern: t.value.high), rowid])
        }
    }

    static func deleteBlinded(_ id: ReportID, _ db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT rowid, tokens FROM blinded_record WHERE uid = ?", arguments: [Data(id.bytes)])
        else { return false }
        let rowid: Int64 = row["rowid"]
        let delete = try db.cachedStatement(sql: "DELETE FROM blinded_token WHERE token = ? AND record = ?")
        for t in try decodeTokens(row["tokens"]) {
            try delete.execute(arguments: [Int64(bitPattern: t.value.high), rowid])
        }
        try db.execute(sql: "DELETE FROM blinded_record WHERE rowid = ?", arguments: [rowid])
        return true
    }

    /// `type(u8) ‖ value(16 bytes)` per token.
    static func encodeTokens(_ tokens: [BlindToken]) -> Data {
        var d = Data(capacity: tokens.count * 17)
        for t in tokens {
            d.append(t.type.rawValue)
            d.append(contentsOf: t.value.bytes)
        }
        return d
    }

    static func decodeTokens(_ data: Data) throws -> [BlindToken] {
        guard data.count % 17 == 0 else { throw StoreError.corrupt("blinded_record.tokens") }
        let bytes = Array(data)
        return try stride(from: 0, to: bytes.count, by: 17).map { i in
            guard let type = TokenType(rawValue: bytes[i]), let value = TokenValue(bytes: bytes[(i + 1)..<(i + 17)]) else {
                throw StoreError.corrupt("blinded_record.tokens")
            }
            return BlindToken(type: type, value: value)
        }
    }

    static func summary(from row: Row, tokens: [BlindToken]) throws -> RecordSummary {
        let uid: Data = row["uid"]
        let expires: String = row["expires_on"]
        guard let id = ReportID(bytes: Array(uid)),
              let category = ReportCategory(rawValue: UInt8(clamping: row["category"] as Int)),
              let status = ReportStatus(rawValue: UInt8(clamping: row["status"] as Int)),
              let expiresOn = LocalDate(parsing: expires)
        else { throw StoreError.corrupt("blinded_record row") }
        return RecordSummary(
            id: id, origin: row["origin"], epoch: UInt32(clamping: row["epoch"] as Int64), category: category,
            amountYen: row["amount_yen"], month: row["month"], status: status, expiresOn: expiresOn,
            tokenTypes: Set(tokens.map(\.type))
        )
    }
}
