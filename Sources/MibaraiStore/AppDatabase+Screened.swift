import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// The velocity history since `since` (seconds since 1970), oldest first.
    public func screenedOrders(since: Int64) throws(StoreError) -> [VelocityEntry] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT order_key, name_key, phone_key, email_key, address_key, placed_at, pay_later
                FROM screened_order WHERE placed_at >= ? ORDER BY placed_at, seq
                """, arguments: [since])
            var out: [VelocityEntry] = []
            while let r = try rows.next() {
                func key(_ i: Int) -> VelocityKey? { (r[i] as Data?).flatMap { VelocityKey(bytes: $0) } }
                out.append(VelocityEntry(order: key(0), name: key(1), phone: key(2), email: key(3), address: key(4),
                                         at: r[5], payLater: r[6]))
            }
            return out
        }
    }

    /// Records screened orders in one transaction (an order already there by its reference is
    /// replaced) and forgets those placed before `forgetBefore`.
    public func recordScreened(_ orders: [(entry: VelocityEntry, score: Int, decision: ScreeningDecision)],
                               forgetBefore: Int64) throws(StoreError) {
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO screened_order (order_key, name_key, phone_key, email_key, address_key, placed_at, pay_later, score, decision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(order_key) DO UPDATE SET name_key = excluded.name_key, phone_key = excluded.phone_key,
                    email_key = excluded.email_key, address_key = excluded.address_key, placed_at = excluded.placed_at,
                    pay_later = excluded.pay_later, score = excluded.score, decision = excluded.decision
                """)
            func blob(_ k: VelocityKey?) -> Data? { k.map { Data($0.bytes) } }
            for o in orders {
                let e = o.entry
                try statement.execute(arguments: [blob(e.order), blob(e.name), blob(e.phone), blob(e.email), blob(e.address),
                                                  e.at, e.payLater, o.score, o.decision.rawValue])
            }
            try db.execute(sql: "DELETE FROM screened_order WHERE placed_at < ?", arguments: [forgetBefore])
        }
    }

    public func screenedOrderCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM screened_order") ?? 0 }
    }
}
