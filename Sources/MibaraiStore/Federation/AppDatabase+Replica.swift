import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// Forgets every origin's log and records but `keep`'s and this node's own (its records are
    /// under `ownName`): what a shop does when the federation's policy becomes `replicas = hubs`
    /// (`Protocol/federation.md`, "Policy"). The deleted pages are overwritten with zeros
    /// (`secure_delete`) and the WAL is checkpointed and truncated afterwards, so no token of
    /// another shop stays in the node's files. Returns how many records and entries went.
    @discardableResult
    public func dropOtherOrigins(keeping keep: Set<NodeID>, ownName: String) throws(StoreError) -> (records: Int, entries: Int) {
        try writeOutsideTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
                var counts = (records: 0, entries: 0)
                try db.inTransaction(.immediate) {
                    let kept = keep.map { Data($0.bytes) }
                    let marks = Array(repeating: "?", count: max(kept.count, 1)).joined(separator: ",")
                    let args = StatementArguments(kept.isEmpty ? [Data()] : kept)
                    try db.execute(sql: "DELETE FROM log_entry WHERE origin NOT IN (\(marks))", arguments: args)
                    counts.entries = db.changesCount
                    try db.execute(sql: "DELETE FROM log_proof WHERE origin NOT IN (\(marks))", arguments: args)
                    try db.execute(sql: "DELETE FROM review_answer WHERE origin NOT IN (\(marks))", arguments: args)
                    try db.execute(sql: "DELETE FROM log_pending WHERE origin NOT IN (\(marks))", arguments: args)
                    try db.execute(sql: """
                        DELETE FROM blinded_token WHERE record IN (SELECT rowid FROM blinded_record WHERE origin <> ?)
                        """, arguments: [ownName])
                    try db.execute(sql: "DELETE FROM blinded_record WHERE origin <> ?", arguments: [ownName])
                    counts.records = db.changesCount
                    return .commit
                }
                return counts
        }
    }

    /// Copies what the WAL holds into the database file and truncates the WAL to nothing. False
    /// when a reader kept it from finishing (the WAL then still holds what it held).
    @discardableResult
    public func truncateWAL() throws(StoreError) -> Bool {
        try writeOutsideTransaction { db in
            // (busy, frames in the WAL, frames checkpointed): busy 0 is a complete checkpoint.
            (try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")?[0] as Int64?) == 0
        }
    }
}

extension AppDatabase {
    /// The federation's policy as the operator's log held here says it: its latest `policy` entry
    /// (`Protocol/federation.md`, "Policy"), or the defaults.
    public func federationPolicy(operator op: NodeID) throws(StoreError) -> FederationPolicy {
        let bytes: Data? = try read { db in
            // The kind is the entry's second byte (section 3).
            try Data.fetchOne(db, sql: """
                SELECT entry FROM log_entry WHERE origin = ? AND substr(entry, 2, 1) = ? ORDER BY seq DESC LIMIT 1
                """, arguments: [Data(op.bytes), Data([LogEntryKind.policy.rawValue])])
        }
        guard let bytes, let entry = try? LogEntry(decoding: Array(bytes)), case .policy(let p)? = try? entry.decodedBody() else {
            return .defaults
        }
        return p
    }
}
