import Crypto
import Foundation
import GRDB
import MibaraiCore
@testable import MibaraiStore
import MibaraiTestSupport
import Testing

/// The node's file as its log's archive: what the log reads back from a real SQLite file answers
/// as the log that keeps everything in memory, and a start reads the file back entry by entry.
@Suite("The log's archive in the store")
struct StoredLogArchiveTests {
    let dir = TemporaryDirectory("mibarai-archive")
    let operatorKey = Curve25519.Signing.PrivateKey()
    let shops = (0..<3).map { _ in Curve25519.Signing.PrivateKey() }
    let me = Curve25519.Signing.PrivateKey()

    var op: NodeID { NodeID(publicKey: operatorKey.publicKey) }

    func publication(_ id: ReportID, token: UInt64) -> RecordPublication {
        RecordPublication(id: id, epoch: 1, category: .nonPayment, amountYen: 9_000, year: 2026, month: 10, status: .open,
                          expiresOn: LocalDate(year: 2031, month: 10, day: 1)!, tokens: [BlindToken(type: .phone, value: TokenValue(high: token, low: 1))])
    }

    @Test func theFileAnswersAsTheLogInMemoryAndIsReadBackAtStart() throws {
        let db = try AppDatabase(path: dir.path("hub.sqlite"))
        let limits = FederationLimits.standard
        var memory = FederationLog(operator: op)
        var stored = FederationLog(operator: op, limits: limits, archive: StoredLogArchive(database: db, limits: limits))
        var names: [NodeID: String] = [:]
        func take(_ e: LogEntry, stage: Bool = false) throws -> Bool {
            let a = (try? memory.append(e)) != nil
            let b = (try? stored.append(e)) != nil
            #expect(a == b)
            guard b else { return false }
            try db.saveLogEntries([e], me: NodeID(publicKey: me.publicKey), names: names, stage: stage)
            stored.archived([e])
            return true
        }
        for (n, shop) in shops.enumerated() {
            let id = NodeID(publicKey: shop.publicKey)
            names[id] = "shop-\(n)"
            let admit = try LogEntry.make(signer: operatorKey, seq: UInt64(n + 1), previous: memory.headHash(of: op), body: .admit(
                MemberAdmission(member: id, sealingKey: Curve25519.KeyAgreement.PrivateKey().publicKey, role: .shop, name: "shop-\(n)", region: "kanto")))
            #expect(try take(admit))
        }
        var ids: [NodeID: [ReportID]] = [:]
        for round in 0..<40 {
            for shop in shops {
                let origin = NodeID(publicKey: shop.publicKey)
                func next(_ body: LogBody) throws -> LogEntry {
                    try LogEntry.make(signer: shop, seq: memory.vector[origin] + 1, previous: memory.headHash(of: origin), body: body)
                }
                let id = ReportID()
                #expect(try take(try next(.publish(publication(id, token: UInt64(round)))), stage: round % 2 == 0))
                ids[origin, default: []].append(id)
                let old = ids[origin]![round / 2]
                // A status, a withdrawal, and the refusals both logs must agree on.
                _ = try take(try next(round % 3 == 0 ? .withdraw(old) : .status(old, .paid)))
                #expect(try !take(try next(.publish(publication(old, token: 1)))))
                #expect(try !take(try next(.status(ReportID(), .paid))))
            }
        }
        // A peer's batch: statuses read from the file in one go, before the entries are checked;
        // what the batch itself changes is seen by its later entries.
        for shop in shops {
            let origin = NodeID(publicKey: shop.publicKey)
            var batch: [LogEntry] = []
            var previous = memory.headHash(of: origin)
            let live = ids[origin]!.filter { memory.records[RecordKey(origin: origin, id: $0)]?.status != .withdrawn }
            let bodies: [LogBody] = live.prefix(12).map { .status($0, .disputed) } + [.withdraw(live[12]), .status(live[12], .paid)]
            for body in bodies {
                let e = try LogEntry.make(signer: shop, seq: memory.vector[origin] + UInt64(batch.count) + 1, previous: previous, body: body)
                batch.append(e)
                previous = e.hash
            }
            let a = memory.append(contentsOf: batch)
            let b = stored.append(contentsOf: batch)
            #expect(a.accepted == b.accepted && a.refused.map(\.reason) == b.refused.map(\.reason))
            #expect(b.accepted.count == 13 && b.refused.map(\.reason) == [.invalidBody("")])
            try db.saveLogEntries(b.accepted, me: NodeID(publicKey: me.publicKey), names: names)
            stored.archived(b.accepted)
        }
        _ = try db.applyPendingRecordChanges()
        #expect(stored.entriesInMemory == 4)
        #expect(stored.entries(missingFrom: VersionVector(), buckets: .max, limit: 10_000)
            == memory.entries(missingFrom: VersionVector(), buckets: .max, limit: 10_000))
        for (key, record) in memory.records { #expect(try stored.recordStatus(of: key) == record.status) }

        var restored = FederationLog(operator: op, limits: limits, archive: StoredLogArchive(database: db, limits: limits))
        try db.forEachLogEntry(operator: op) { try restored.restore(LogEntry(decoding: $0)) }
        restored.finishRestore()
        #expect(restored.vector == memory.vector && restored.rootDigest == memory.rootDigest && restored.entriesInMemory == 4)
        for shop in shops {
            let origin = NodeID(publicKey: shop.publicKey)
            #expect(try restored.publishedRecords(of: origin) == memory.publishedRecords(of: origin))
        }
        // The record's entries are found through migration v14's index, not by a scan.
        let plan = try db.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + AppDatabase.entriesNamingSQL,
                             arguments: [Data(op.bytes), Data(ReportID().bytes)]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("log_entry_by_record (origin=? AND <expr>=?)") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}
