import GRDB

extension AppDatabase {
    /// A number that grows with every change of this node's own reports, blinded records or
    /// inbox, whichever process made it (triggers of migration v6, and ``store(_:)``). Equal
    /// numbers mean nothing of the node's own changed in between.
    public func localChangeVersion() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT version FROM local_change WHERE id = 1") ?? 0 }
    }

    static func bumpLocalChange(_ db: Database) throws {
        try db.execute(sql: "UPDATE local_change SET version = version + 1 WHERE id = 1")
    }
}
