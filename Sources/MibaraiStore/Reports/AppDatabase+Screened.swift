import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// The velocity history since `since` (seconds since 1970), oldest first.
    public func screenedOrders(since: Int64) throws(StoreError) -> [VelocityEntry] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT rowid, name_key, phone_key, email_key, address_key, placed_at, pay_later
                FROM screened_order WHERE placed_at >= ? ORDER BY placed_at, rowid
                """, arguments: [since])
            var out: [VelocityEntry] = []
            while let r = try rows.next() {
                func key(_ i: Int) -> VelocityKey? { (r[i] as Data?).flatMap { VelocityKey(bytes: $0) } }
                // The order's key is known by its first half only: enough to replace it.
                let rowid: Int64 = r[0]
                out.append(VelocityEntry(order: VelocityKey(high: UInt64(bitPattern: rowid), low: 0), name: key(1), phone: key(2), email: key(3), address: key(4),
                                         at: r[5], payLater: r[6]))
            }
            return out
        }
    }

    /// Records screened orders in one transaction (an order already there by its reference is
    /// replaced) and forgets those placed before `forgetBefore`.
    public func recordScreened(_ orders: [(entry: VelocityEntry, score: Int, decision: ScreeningDecision)],
                               forgetBefore: Int64) throws(StoreError) {
        try recordScreened(batches: [(orders, forgetBefore)])
    }

    /// Records several batches in one transaction, each as ``recordScreened(_:forgetBefore:)``
    /// would, in the order given.
    public func recordScreened(batches: [(rows: [(entry: VelocityEntry, score: Int, decision: ScreeningDecision)], forgetBefore: Int64)]) throws(StoreError) {
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO screened_order (rowid, name_key, phone_key, email_key, address_key, placed_at, pay_later, score, decision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            func blob(_ k: VelocityKey?) -> Data? { k.map { Data($0.bytes) } }
            for (orders, forgetBefore) in batches {
                // In rowid order: the table's B-tree is filled page by page instead of at random.
                // (The position breaks ties: of two rows of one order, the later one stays.)
                let keyed = orders.enumerated().map { k, o in
                    (rowid: o.entry.order.map { Int64(bitPattern: $0.high) } ?? Int64.random(in: Int64.min...Int64.max), k: k, o: o)
                }.sorted { ($0.rowid, $0.k) < ($1.rowid, $1.k) }
                for (rowid, _, o) in keyed {
                    let e = o.entry
                    try statement.execute(arguments: [rowid, blob(e.name), blob(e.phone), blob(e.email), blob(e.address),
                                                      e.at, e.payLater, o.score, o.decision.rawValue])
                }
                try db.execute(sql: "DELETE FROM screened_order WHERE placed_at < ?", arguments: [forgetBefore])
            }
        }
    }

    public func screenedOrderCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM screened_order") ?? 0 }
    }
}

extension AppDatabase {
    /// Screened orders since `since` whose decision was at least `decision`, newest first, at most
    /// `limit`: when, the score and the decision (the history holds nothing else of an order).
    public func screenings(since: Int64, atLeast decision: ScreeningDecision, limit: Int) throws(StoreError) -> [(placedAt: Int64, score: Int, decision: ScreeningDecision)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT placed_at, score, decision FROM screened_order
                WHERE placed_at >= ? AND decision >= ? ORDER BY placed_at DESC LIMIT ?
                """, arguments: [since, decision.rawValue, limit]).compactMap { r in
                ScreeningDecision(rawValue: r[2]).map { (placedAt: r[0], score: r[1], decision: $0) }
            }
        }
    }
}
