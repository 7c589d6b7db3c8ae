import Foundation
import GRDB

extension AppDatabase {
    /// Checks that the file at `path` is a whole database of this node's kind that this version
    /// can open: SQLite's integrity check passes, and its schema is one this version's migrations
    /// made (not a newer version's). Opens the file read-only: a check never changes a backup.
    /// Returns how many reports the copy holds.
    @discardableResult
    public static func checkCopy(at path: String) throws(StoreError) -> Int {
        do {
            var config = Configuration()
            config.readonly = true
            let copy = try DatabaseQueue(path: path, configuration: config)
            defer { try? copy.close() }
            return try copy.read { db in
                let result = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard result == ["ok"] else { throw StoreError.corrupt("integrity check: \(result.prefix(3).joined(separator: "; "))") }
                guard try db.tableExists("grdb_migrations"), try migrator.hasCompletedMigrations(db) || !migrator.appliedIdentifiers(db).isEmpty else {
                    throw StoreError.corrupt("not a Mibarai database")
                }
                guard try !migrator.hasBeenSuperseded(db) else {
                    throw StoreError.corrupt("made by a newer version of mibarai")
                }
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM report") ?? 0
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.cannotOpen(path: path, underlying: error)
        }
    }
}
