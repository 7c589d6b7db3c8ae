import Foundation
import GRDB
import MibaraiCore

/// Sealed messages between shops (`Protocol/federation.md`, "Sealed messages"): those the log
/// holds to or from this node, still sealed, and the outbox of what this shop writes.
extension AppDatabase {
    /// A message this shop wrote: what it said, to whom, and whether its log holds it yet.
    public struct SentMessage: Sendable {
        public var id: SealedMessageID
        public var recipient: NodeID
        public var recipientName: String
        public var writtenOn: String
        public var message: ContactMessage
        public var caseNumber: Int?
        /// In this node's log (signed by the running node, then sent to its peers).
        public var published: Bool

        public init(id: SealedMessageID, recipient: NodeID, recipientName: String, writtenOn: String, message: ContactMessage,
                    caseNumber: Int?, published: Bool) {
            self.id = id
            self.recipient = recipient
            self.recipientName = recipientName
            self.writtenOn = writtenOn
            self.message = message
            self.caseNumber = caseNumber
            self.published = published
        }
    }

    /// A sealed message of the log to or from this node.
    public struct HeldMessage: Sendable {
        public var origin: NodeID
        public var seq: UInt64
        public var message: SealedMessage
    }

    /// The operator's log entries alone, in order (admissions, revocations, keys: small).
    public func operatorEntries(_ op: NodeID) throws(StoreError) -> [[UInt8]] {
        try read { db in
            try Data.fetchAll(db, sql: "SELECT entry FROM log_entry WHERE origin = ? ORDER BY seq", arguments: [Data(op.bytes)]).map { Array($0) }
        }
    }

    /// The origin (member name) of another member's record, by its publication id; nil if not held.
    public func recordOrigin(publication id: ReportID) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT origin FROM blinded_record WHERE rowid = ? AND uid = ?",
                                arguments: [Self.rowid(id), Data(id.bytes)])
        }
    }

    static func keepSealedMessage(_ m: SealedMessage, origin: NodeID, seq: UInt64, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO sealed_message (origin, id, seq, recipient, body) VALUES (?, ?, ?, ?, ?)",
                       arguments: [Data(origin.bytes), Data(m.id.bytes), Int64(seq), Data(m.to.bytes), Data(LogBody.sealedMessage(m).encoded())])
    }

    /// Queues a message this shop wrote, sealed, for the running node to sign into its log, with
    /// the padded plaintext it sealed (kept here: only the recipient can open the entry). An
    /// answer names its request (`inReplyTo`): false, and nothing queued, when this shop answered
    /// that request already (one answer per request, whichever face wrote first).
    public func queue(_ sealed: SealedMessage, plaintext: [UInt8], toName name: String, on day: LocalDate,
                      caseNumber: Int?, inReplyTo: SealedMessageID? = nil) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO contact_outbox (id, recipient, recipient_name, written_on, plaintext, body, case_number, in_reply_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Data(sealed.id.bytes), Data(sealed.to.bytes), name, day.description, Data(plaintext),
                                 Data(LogBody.sealedMessage(sealed).encoded()), caseNumber, inReplyTo.map { Data($0.bytes) }])
            guard db.changesCount > 0 else { return false }
            // The running node's gossip looks for things to sign when this moves.
            try Self.bumpLocalChange(db)
            return true
        }
    }

    /// Messages in the outbox that this node's log (`me`) does not hold yet, oldest first.
    public func queuedSealedMessages(me: NodeID) throws(StoreError) -> [SealedMessage] {
        try read { db in
            try Data.fetchAll(db, sql: """
                SELECT body FROM contact_outbox
                WHERE id NOT IN (SELECT id FROM sealed_message WHERE origin = ?)
                ORDER BY written_on, rowid
                """, arguments: [Data(me.bytes)]).compactMap { data in
                guard case .sealedMessage(let m)? = try? LogBody.decode(kind: .sealedMessage, Array(data)) else { return nil }
                return m
            }
        }
    }

    /// What this shop wrote, newest first.
    public func sentMessages(me: NodeID) throws(StoreError) -> [SentMessage] {
        try read { db in
            let published = Set(try Data.fetchAll(db, sql: "SELECT id FROM sealed_message WHERE origin = ?", arguments: [Data(me.bytes)]))
            return try Row.fetchAll(db, sql: """
                SELECT id, recipient, recipient_name, written_on, plaintext, case_number FROM contact_outbox
                ORDER BY written_on DESC, rowid DESC
                """).compactMap { row in
                let id: Data = row["id"], recipient: Data = row["recipient"], plaintext: Data = row["plaintext"]
                guard let messageID = SealedMessageID(bytes: Array(id)), let to = NodeID(bytes: Array(recipient)),
                      let message = try? ContactMessage(paddedPlaintext: Array(plaintext)) else { return nil }
                return SentMessage(id: messageID, recipient: to, recipientName: row["recipient_name"], writtenOn: row["written_on"],
                                   message: message, caseNumber: row["case_number"], published: published.contains(id))
            }
        }
    }

    /// The sealed messages the log holds addressed to `me`, in the order they came in each log.
    public func sealedMessages(to me: NodeID) throws(StoreError) -> [HeldMessage] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT origin, seq, body FROM sealed_message WHERE recipient = ? ORDER BY origin, seq",
                             arguments: [Data(me.bytes)]).compactMap { row in
                let origin: Data = row["origin"], body: Data = row["body"]
                guard let from = NodeID(bytes: Array(origin)),
                      case .sealedMessage(let m)? = try? LogBody.decode(kind: .sealedMessage, Array(body)) else { return nil }
                return HeldMessage(origin: from, seq: UInt64(row["seq"] as Int64), message: m)
            }
        }
    }
}
