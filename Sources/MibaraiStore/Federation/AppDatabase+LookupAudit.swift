import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// Keeps one lookup in the hub's audit.
    public func recordLookup(_ row: LookupAuditRow) async throws(StoreError) {
        let refs = Data(row.references.joined())
        try await asyncWrite { db in
            try db.execute(sql: """
                INSERT INTO lookup_audit (at, day, member, identities, hits, purpose, refused, refs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row.at, QuotaLedger.day(at: row.at).daysSinceEpoch, Data(row.member?.bytes ?? []), row.identities,
                                 row.hits, row.purpose, row.refused ? 1 : 0, refs])
        }
    }

    /// Identities answered (not refused) per member on `day`: what the hub had given out before a restart.
    public func answeredIdentities(on day: LocalDate) throws(StoreError) -> [NodeID: UInt64] {
        try read { db in
            var out: [NodeID: UInt64] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT member, sum(identities) FROM lookup_audit WHERE day = ? AND refused = 0 GROUP BY member
                """, arguments: [day.daysSinceEpoch])
            while let r = try rows.next() {
                if let m = NodeID(bytes: Array(r[0] as Data)) { out[m] = UInt64(r[1] as Int64) }
            }
            return out
        }
    }

    /// Per member and day, from `since` on (all members, or one), newest day first.
    public func lookupTotals(since: LocalDate, member: NodeID? = nil) throws(StoreError) -> [LookupDayTotal] {
        try read { db in
            var sql = """
                SELECT member, day, count(*), sum(CASE WHEN refused = 0 THEN identities ELSE 0 END), sum(hits), sum(refused)
                FROM lookup_audit WHERE day >= ?
                """
            var args: [any DatabaseValueConvertible] = [since.daysSinceEpoch]
            if let member { sql += " AND member = ?"; args.append(Data(member.bytes)) }
            sql += " GROUP BY member, day ORDER BY day DESC, member"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { r in
                guard let m = NodeID(bytes: Array(r[0] as Data)) else { return nil }
                return LookupDayTotal(member: m, day: LocalDate(daysSinceEpoch: Int(r[1] as Int64)), requests: Int(r[2] as Int64),
                                      identities: Int(r[3] as Int64), hits: Int(r[4] as Int64), refused: Int(r[5] as Int64))
            }
        }
    }

    /// A member's lookups, newest first (at most `limit`).
    public func lookups(of member: NodeID, since at: Int64, limit: Int = 1_000) throws(StoreError) -> [LookupAuditRow] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, identities, hits, purpose, refused, refs FROM lookup_audit WHERE member = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?
                """, arguments: [Data(member.bytes), at, limit]).map { r in
                let refs = Array(r[5] as Data)
                return LookupAuditRow(at: r[0], member: member, identities: Int(r[1] as Int64), hits: Int(r[2] as Int64), purpose: r[3],
                                      refused: (r[4] as Int64) != 0, references: stride(from: 0, to: refs.count, by: 16).map { Array(refs[$0..<min($0 + 16, refs.count)]) })
            }
        }
    }

    /// A shop's own record of a lookup it asked the hubs.
    public func recordCheck(_ row: LookupAuditRow) async throws(StoreError) {
        try await asyncWrite { db in
            try db.execute(sql: "INSERT INTO check_log (at, purpose, identities, answered, refs) VALUES (?, ?, ?, ?, ?)",
                           arguments: [row.at, row.purpose, row.identities, row.hits, Data(row.references.joined())])
        }
    }

    /// The shop's own lookups since `at`, newest first.
    public func checks(since at: Int64, limit: Int = 1_000) throws(StoreError) -> [LookupAuditRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, purpose, identities, answered, refs FROM check_log WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?",
                             arguments: [at, limit]).map { r in
                let refs = Array(r[4] as Data)
                return LookupAuditRow(at: r[0], member: nil, identities: Int(r[2] as Int64), hits: Int(r[3] as Int64), purpose: r[1],
                                      refused: false, references: stride(from: 0, to: refs.count, by: 16).map { Array(refs[$0..<min($0 + 16, refs.count)]) })
            }
        }
    }

    /// Forgets audit rows and the shop's check log older than `at`; returns how many went.
    @discardableResult
    public func purgeLookupAudit(before at: Int64) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM lookup_audit WHERE at < ?", arguments: [at])
            let a = db.changesCount
            try db.execute(sql: "DELETE FROM check_log WHERE at < ?", arguments: [at])
            return a + db.changesCount
        }
    }
}
