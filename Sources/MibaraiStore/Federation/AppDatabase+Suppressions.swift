import Foundation
import GRDB
import MibaraiCore

/// The operator's suppressions in force (`Protocol/federation.md`, "Suppressions"): kept as its
/// `suppress` and `lift` entries are saved (``saveLogEntries(_:proofs:me:names:stage:)``, which
/// holds only entries the log has verified), read by every lookup.
extension AppDatabase {
    /// A `suppress` adds its tokens, a `lift` removes its suppression's; other bodies change nothing.
    /// Idempotent: an entry saved twice leaves the same rows.
    static func applySuppression(_ body: LogBody, _ db: Database) throws {
        switch body {
        case .suppress(let s):
            let id = Data(s.id.bytes)
            try db.execute(sql: "INSERT OR IGNORE INTO suppression (id, reason) VALUES (?, ?)", arguments: [id, Int(s.reason.rawValue)])
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO suppressed_token (token, type, epoch, suppression) VALUES (?, ?, ?, ?)")
            for t in s.tokens {
                try insert.execute(arguments: [Data(t.token.value.bytes), Int(t.token.type.rawValue), Int64(t.epoch), id])
            }
        case .lift(let sid):
            let id = Data(sid.bytes)
            try db.execute(sql: "DELETE FROM suppressed_token WHERE suppression = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM suppression WHERE id = ?", arguments: [id])
        default:
            break
        }
    }

    /// Every suppressed token in force, with its suppression's reason (a token under two
    /// suppressions: either reason).
    public func suppressedTokens() throws(StoreError) -> [BlindToken: SuppressionReason] {
        try read { db in try Self.suppressedTokens(db) }
    }

    /// ``suppressedTokens()`` read on one of the pool's reader threads (the screening API).
    public func suppressedTokens() async throws(StoreError) -> [BlindToken: SuppressionReason] {
        try await asyncRead { db in try Self.suppressedTokens(db) }
    }

    /// How many suppressions are in force.
    public func suppressionCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM suppression") ?? 0 }
    }

    static func suppressedTokens(_ db: Database) throws -> [BlindToken: SuppressionReason] {
        var out: [BlindToken: SuppressionReason] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.type, t.token, s.reason FROM suppressed_token t JOIN suppression s ON s.id = t.suppression
            """)
        while let row = try rows.next() {
            guard let type = TokenType(rawValue: UInt8(clamping: row[0] as Int)),
                  let value = TokenValue(bytes: [UInt8](row[1] as Data)),
                  let reason = SuppressionReason(rawValue: UInt8(clamping: row[2] as Int)) else {
                throw StoreError.corrupt("suppressed_token")
            }
            out[BlindToken(type: type, value: value)] = reason
        }
        return out
    }
}
