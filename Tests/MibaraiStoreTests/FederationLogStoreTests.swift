import Crypto
import Foundation
import MibaraiCore
@testable import MibaraiStore
import MibaraiTestSupport
import Testing

/// Entries kept and applied to the blinded records, in a real SQLite file.
@Suite("Federation log in the store")
struct FederationLogStoreTests {
    let dir = TemporaryDirectory("mibarai-fedlog")
    let me = Curve25519.Signing.PrivateKey()
    let victim = Curve25519.Signing.PrivateKey()
    let rogue = Curve25519.Signing.PrivateKey()

    func publication(_ id: ReportID, token: UInt64) -> RecordPublication {
        RecordPublication(id: id, epoch: 1, category: .nonPayment, amountYen: 9_000, year: 2026, month: 10, status: .open,
                          expiresOn: LocalDate(year: 2031, month: 10, day: 1)!, tokens: [BlindToken(type: .phone, value: TokenValue(high: token, low: 1))])
    }

    @Test func anotherOriginCannotTakeOverOrWithdrawARecordByReusingItsID() throws {
        let db = try AppDatabase(path: dir.path("node.sqlite"))
        let names = [NodeID(publicKey: victim.publicKey): "shop-v", NodeID(publicKey: rogue.publicKey): "shop-m"]
        let id = ReportID()
        let original = try LogEntry.make(signer: victim, seq: 1, previous: .zero, body: .publish(publication(id, token: 7)))
        try db.saveLogEntries([original], me: NodeID(publicKey: me.publicKey), names: names)
        let copy = try LogEntry.make(signer: rogue, seq: 1, previous: .zero, body: .publish(publication(id, token: 99)))
        let withdrawal = try LogEntry.make(signer: rogue, seq: 2, previous: copy.hash, body: .withdraw(id))
        try db.saveLogEntries([copy, withdrawal], me: NodeID(publicKey: me.publicKey), names: names)

        #expect(try db.logEntryCount() == 3)
        let held = try db.blindedRecords(origin: "shop-v")
        #expect(held.map(\.id) == [id])
        #expect(held.first?.tokens.first?.value == TokenValue(high: 7, low: 1))
        #expect(try db.blindedRecords(origin: "shop-m").isEmpty)
        // The copy left nothing in the lookup index either.
        let index = try db.tokenIndex()
        #expect(index.mightContain(TokenValue(high: 7, low: 1)))
        #expect(!index.mightContain(TokenValue(high: 99, low: 1)))
        #expect(try db.candidates(for: [[BlindToken(type: .phone, value: TokenValue(high: 99, low: 1))]]).first?.isEmpty == true)
        #expect(try db.candidates(for: [[BlindToken(type: .phone, value: TokenValue(high: 7, low: 1))]]).first?.count == 1)
        // The true origin's own status change still applies.
        let paid = try LogEntry.make(signer: victim, seq: 2, previous: original.hash, body: .status(id, .paid))
        try db.saveLogEntries([paid], me: NodeID(publicKey: me.publicKey), names: names)
        #expect(try db.blindedRecords(origin: "shop-v").first?.status == .paid)
    }

    @Test func manyPublicationsInOneCallAreAllIndexedAndFindable() throws {
        let db = try AppDatabase(path: dir.path("many.sqlite"))
        let names = [NodeID(publicKey: victim.publicKey): "shop-v"]
        var entries: [LogEntry] = []
        var previous = EntryHash.zero
        for k in 1...300 {
            let e = try LogEntry.make(signer: victim, seq: UInt64(k), previous: previous,
                                      body: .publish(publication(ReportID(), token: UInt64(1_000 + k))))
            entries.append(e)
            previous = e.hash
        }
        try db.saveLogEntries(entries, me: NodeID(publicKey: me.publicKey), names: names)
        #expect(try db.logEntryCount() == 300 && db.blindedRecordCount() == 300)
        let found = try db.candidates(for: (1...300).map { [BlindToken(type: .phone, value: TokenValue(high: UInt64(1_000 + $0), low: 1))] })
        #expect(found.allSatisfy { $0.count == 1 })
        // The same entries again (a replayed delta) change nothing.
        try db.saveLogEntries(entries, me: NodeID(publicKey: me.publicKey), names: names)
        #expect(try db.logEntryCount() == 300 && db.blindedRecordCount() == 300)
        #expect(try db.candidates(for: [[BlindToken(type: .phone, value: TokenValue(high: 1_001, low: 1))]]).first?.count == 1)
    }

    @Test func thisNodesOwnEntriesAreSyncedToTheDiskAtCommitAndOthersAreNot() throws {
        final class Statements: @unchecked Sendable {
            let lock = NSLock()
            var all: [String] = []
            func add(_ s: String) { lock.lock(); all.append(s); lock.unlock() }
            func take() -> [String] { lock.lock(); defer { all = []; lock.unlock() }; return all }
        }
        let seen = Statements()
        let db = try AppDatabase(path: dir.path("sync.sqlite"), trace: { seen.add($0) })
        let mine = NodeID(publicKey: me.publicKey)
        let names = [NodeID(publicKey: victim.publicKey): "shop-v"]
        _ = seen.take()
        let theirs = try LogEntry.make(signer: victim, seq: 1, previous: .zero, body: .publish(publication(ReportID(), token: 3)))
        try db.saveLogEntries([theirs], me: mine, names: names)
        #expect(!seen.take().contains { $0.contains("synchronous") })

        let own = try LogEntry.make(signer: me, seq: 1, previous: .zero, body: .publish(publication(ReportID(), token: 4)))
        try db.saveLogEntries([own], me: mine, names: names)
        let statements = seen.take()
        let full = try #require(statements.firstIndex(of: "PRAGMA synchronous = FULL"))
        let insert = try #require(statements.firstIndex { $0.hasPrefix("INSERT OR IGNORE INTO log_entry") })
        let commit = try #require(statements.firstIndex(of: "COMMIT TRANSACTION"))
        let normal = try #require(statements.firstIndex(of: "PRAGMA synchronous = NORMAL"))
        #expect(full < insert && insert < commit && commit < normal, "\(statements)")
        #expect(try db.logEntryCount() == 2)
        // The connection is back to NORMAL for the next transaction.
        #expect(try db.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 1)
        #expect(try db.durableWrite { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func theInboxHandsEntriesOverOnceInOrder() throws {
        let db = try AppDatabase(path: dir.path("inbox.sqlite"))
        #expect(try db.inboxIsEmpty())
        try db.enqueueLogEntries([[1], [2, 2]])
        #expect(try !db.inboxIsEmpty())
        #expect(try db.takeInbox() == [[1], [2, 2]])
        #expect(try db.takeInbox().isEmpty)
    }
}
