import Foundation
import GRDB
import MibaraiCore

extension AppDatabase {
    /// Every held log entry, the operator's first (members are admitted there), then by origin and
    /// seq: the order in which `FederationLog` accepts them again.
    public func logEntries(operator op: NodeID) throws(StoreError) -> [[UInt8]] {
        try read { db in
            let opData = Data(op.bytes)
            var out: [[UInt8]] = []
            let first = try Data.fetchCursor(db, sql: "SELECT entry FROM log_entry WHERE origin = ? ORDER BY seq", arguments: [opData])
            while let e = try first.next() { out.append(Array(e)) }
            let rest = try Data.fetchCursor(db, sql: "SELECT entry FROM log_entry WHERE origin <> ? ORDER BY origin, seq", arguments: [opData])
            while let e = try rest.next() { out.append(Array(e)) }
            return out
        }
    }

    public func logProofs() throws(StoreError) -> [(held: [UInt8], conflicting: [UInt8])] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT held, conflicting FROM log_proof").map { (Array($0[0] as Data), Array($0[1] as Data)) }
        }
    }

    public func inboxIsEmpty() throws(StoreError) -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM log_inbox") == 0 }
    }

    public func logEntryCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM log_entry") ?? 0 }
    }

    /// Hands entries to the running node (`takeInbox`), e.g. the operator's log from a join bundle.
    public func enqueueLogEntries(_ entries: [[UInt8]]) throws(StoreError) {
        try write { db in
            for e in entries { try db.execute(sql: "INSERT INTO log_inbox (entry) VALUES (?)", arguments: [Data(e)]) }
        }
    }

    /// Removes and returns the entries waiting in the inbox, oldest first.
    public func takeInbox() throws(StoreError) -> [[UInt8]] {
        try write { db in
            let rows = try Data.fetchAll(db, sql: "SELECT entry FROM log_inbox ORDER BY seq")
            try db.execute(sql: "DELETE FROM log_inbox")
            return rows.map { Array($0) }
        }
    }

    /// Keeps verified entries and proofs and applies what other origins' entries say to the
    /// blinded records, in one transaction: a `publish` adds the record under its origin's name,
    /// a `status` changes it, a `withdraw` removes it. This node's own entries change nothing here
    /// (its reports are the source of them). A record whose id collides with one held (from
    /// another origin, or another id with the same first 8 bytes) is left out of the lookup index
    /// and never replaces it; its entry is still kept and relayed.
    ///
    /// With `stage` (a node catching up, more entries to follow) the record changes are noted in
    /// `log_pending` instead, for ``applyPendingRecordChanges()``: the entries are held and served
    /// at once, the records become findable when the changes are applied. Without it, changes
    /// still waiting are applied first (when any entry is another origin's), so every record sees
    /// its changes in log order.
    ///
    /// A batch holding this node's own entries is on the disk when this returns
    /// (``durableWrite(_:)``): the node sends them to peers next, and an own entry lost to a power
    /// cut would be signed again under the same seq with other contents, which every peer would
    /// take for equivocation and end this node's log.
    public func saveLogEntries(
        _ entries: [LogEntry], proofs: [EquivocationProof] = [], me: NodeID, names: [NodeID: String], stage: Bool = false
    ) throws(StoreError) {
        let own = entries.contains { $0.origin == me }
        try (own ? durableWrite : write) { db in
            if !stage, entries.contains(where: { $0.origin != me }) { try Self.applyPendingRecordChanges(db) }
            var insert = try RawStatement(db, sql: "INSERT OR IGNORE INTO log_entry (origin, seq, entry) VALUES (?, ?, ?)")
            var note = stage ? try RawStatement(db, sql: "INSERT INTO log_pending (record, origin, seq, name) VALUES (?, ?, ?, ?)") : nil
            var index = DeferredTokens(reservingFor: stage ? 0 : entries.count)
            for e in entries {
                insert.bind(1, bytes: e.origin.bytes)
                insert.bind(2, Int64(e.seq))
                insert.bind(3, bytes: e.encoded)
                try insert.run(db)
                // The operator's suppressions change what matches, whether or not the node is
                // catching up (there are few of them).
                if e.kind == .suppress || e.kind == .lift, let body = try? e.decodedBody() { try Self.applySuppression(body, db) }
                // Review requests and answers, this node's own answers too (`report reviews` reads them).
                if e.kind == .reviewRequest || e.kind == .reviewAnswer, let body = try? e.decodedBody() {
                    try Self.applyReview(body, origin: e.origin, db)
                }
                // Sealed messages to this node or from it, kept sealed (`mibarai contact` opens them).
                if e.kind == .sealedMessage, case .sealedMessage(let m)? = try? e.decodedBody(), m.to == me || e.origin == me {
                    try Self.keepSealedMessage(m, origin: e.origin, seq: e.seq, db)
                }
                guard e.origin != me else { continue }
                let name = names[e.origin] ?? e.origin.short
                if stage {
                    // The record is read from the body's first bytes, without decoding the rest
                    // (the apply decodes it, and passes over a body that does not decode).
                    guard let record = Self.recordRowid(kind: e.kind, body: e.body) else { continue }
                    note?.bind(1, record)
                    note?.bind(2, bytes: e.origin.bytes)
                    note?.bind(3, Int64(e.seq))
                    note?.bind(4, name)
                    try note?.run(db)
                } else if let body = try? e.decodedBody() {
                    try Self.applyRecordChange(body, origin: name, db, deferIndex: &index)
                }
            }
            try index.write(db)
            for p in proofs {
                try db.execute(sql: "INSERT OR IGNORE INTO log_proof (origin, held, conflicting) VALUES (?, ?, ?)",
                               arguments: [Data(p.origin.bytes), Data(p.held.encoded), Data(p.conflicting.encoded)])
            }
        }
    }

    /// This node's own blinded records (origin = its name), as they are now: what its log should say.
    public func blindedRecords(origin: String) throws(StoreError) -> [BlindedRecord] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT uid, origin, epoch, category, amount_yen, month, status, expires_day, token_types, tokens
                FROM blinded_record WHERE origin = ?
                """, arguments: [origin])
            var out: [BlindedRecord] = []
            while let row = try rows.next() {
                let header = try Self.summary(from: row).header
                let types = TokenType.set(fromMask: UInt8(clamping: row[8] as Int)).sorted { $0.rawValue < $1.rawValue }
                var values: [TokenValue] = []
                Self.forEachToken(in: row[9]) { values.append($0) }
                guard values.count == types.count else { throw StoreError.corrupt("blinded_record tokens") }
                out.append(BlindedRecord(header: header, tokens: zip(types, values).map { BlindToken(type: $0, value: $1) }))
            }
            return out
        }
    }
}
