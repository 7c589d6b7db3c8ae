import Foundation
import GRDB
import MibaraiCore

/// A node restored from a backup may have signed entries of its own log after the backup was
/// taken; its peers hold them. Until the node has taken them back from a peer, it must sign
/// nothing (a new entry under a number already used is equivocation, and every peer would refuse
/// the node for good), and the statuses its later entries gave its reports (paid, disputed,
/// withdrawn) are newer than the backup's. This marker, written into the restored copy, says so.
extension AppDatabase {
    /// Brings the copy at `path` (a backup about to take the database's place) to this version's
    /// schema and marks it restored on `day`; the file is closed, its journal folded in, when this
    /// returns.
    public static func markRestored(copyAt path: String, on day: LocalDate) throws(StoreError) {
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            try migrator.migrate(queue)
            try queue.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO own_log_recovery (id, restored_on) VALUES (1, ?)", arguments: [day.description])
            }
            try queue.close()
        } catch {
            throw StoreError.cannotOpen(path: path, underlying: error)
        }
    }

    /// The day the database was restored, while its own log is not yet recovered; nil otherwise.
    public func ownLogRecoveryPending() throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT restored_on FROM own_log_recovery WHERE id = 1") }
    }

    /// Ends the recovery in one transaction: each of the node's own records in `records` carries
    /// the status the node's own log last gave it (a withdrawn one no tokens); the record is
    /// replaced and its report takes that status, with an event in its history. Then the marker
    /// goes. Returns how many reports changed.
    @discardableResult
    public func endOwnLogRecovery(records: [BlindedRecord], on day: LocalDate) throws(StoreError) -> Int {
        try write { db in
            var changed = 0
            for record in records {
                guard var report = try Self.fetchReport(record.id, db), report.status != record.status else { continue }
                report.status = record.status
                try Self.insertReport(report, db, replacing: true)
                try Self.upsertBlinded(record, db)
                try Self.logEvent(record.id, on: day, kind: "restored", detail: record.status.name, db)
                changed += 1
            }
            try db.execute(sql: "DELETE FROM own_log_recovery")
            return changed
        }
    }
}
