import Crypto
import Foundation
import MibaraiCore
@testable import MibaraiStore
import MibaraiTestSupport
import Testing

/// Record changes noted while catching up (`saveLogEntries(…, stage: true)`) and applied later, in
/// real SQLite files: they must end exactly where applying each entry as it came ends.
@Suite("Record changes noted while catching up")
struct PendingRecordChangeTests {
    let dir = TemporaryDirectory("mibarai-pending")
    let me = Curve25519.Signing.PrivateKey()
    let origins = (0..<3).map { _ in Curve25519.Signing.PrivateKey() }
    var names: [NodeID: String] {
        Dictionary(uniqueKeysWithValues: origins.enumerated().map { (NodeID(publicKey: $1.publicKey), "shop-\($0)") })
    }
    var myID: NodeID { NodeID(publicKey: me.publicKey) }

    func publication(_ id: ReportID, token: UInt64) -> RecordPublication {
        RecordPublication(id: id, epoch: 1, category: .nonPayment, amountYen: 9_000, year: 2026, month: 10, status: .open,
                          expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
                          tokens: [BlindToken(type: .phone, value: TokenValue(high: token, low: 1)),
                                   BlindToken(type: .email, value: TokenValue(high: token ^ 0xFFFF, low: 2))])
    }

    /// Every origin's chain of publications, status changes and withdrawals, interleaved at random.
    /// Some ids are published by two origins (the second must never take the record over), some
    /// are withdrawn right after they are published, and some are changed many times.
    func randomLog(seed: UInt64, count: Int) throws -> (entries: [LogEntry], tokens: [UInt64]) {
        var random = SimulationRandom(seed: seed)
        var heads = origins.map { _ in (seq: UInt64(0), previous: EntryHash.zero) }
        var published: [(id: ReportID, origin: Int)] = []
        var entries: [LogEntry] = [], tokens: [UInt64] = []
        for k in 0..<count {
            let o = Int.random(in: 0..<origins.count, using: &random)
            let body: LogBody
            // The first entry is always a publication: the other kinds need one to name.
            let kind = published.isEmpty ? 0 : Int.random(in: 0..<10, using: &random)
            switch kind {
            case 0..<5:
                let id = ReportID(using: &random)
                let token = UInt64(10_000 + k)
                tokens.append(token)
                published.append((id, o))
                body = .publish(publication(id, token: token))
            case 5:
                // Another origin's id, published again by this one.
                let taken = published.randomElement(using: &random)!
                let token = UInt64(10_000 + k)
                tokens.append(token)
                body = .publish(publication(taken.id, token: token))
            case 6..<9:
                let target = published.randomElement(using: &random)!
                body = .status(target.id, [.paid, .settled, .disputed, .open].randomElement(using: &random)!)
            default:
                body = .withdraw(published.randomElement(using: &random)!.id)
            }
            let e = try LogEntry.make(signer: origins[o], seq: heads[o].seq + 1, previous: heads[o].previous, body: body)
            heads[o] = (e.seq, e.hash)
            entries.append(e)
        }
        return (entries, tokens)
    }

    func state(_ db: AppDatabase, tokens: [UInt64]) throws -> (records: [[BlindedRecord]], found: [Bool], indexSize: Int) {
        let records = try (0..<origins.count).map { try db.blindedRecords(origin: "shop-\($0)").sorted { $0.id.description < $1.id.description } }
        let index = try db.tokenIndex()
        return (records, tokens.map { index.mightContain(TokenValue(high: $0, low: 1)) }, index.count)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func notedChangesEndWhereChangesInLogOrderEnd(seed: UInt64) throws {
        let (entries, tokens) = try randomLog(seed: seed, count: 600)
        let direct = try AppDatabase(path: dir.path("direct-\(seed).sqlite"))
        let noted = try AppDatabase(path: dir.path("noted-\(seed).sqlite"))
        for batch in stride(from: 0, to: entries.count, by: 50).map({ Array(entries[$0..<min($0 + 50, entries.count)]) }) {
            try direct.saveLogEntries(batch, me: myID, names: names)
            try noted.saveLogEntries(batch, me: myID, names: names, stage: true)
        }
        // Held and servable at once, not yet findable.
        #expect(try noted.logEntryCount() == entries.count)
        #expect(try noted.blindedRecordCount() == 0)
        #expect(try noted.pendingRecordChangeCount() > 0)

        #expect(try noted.applyPendingRecordChanges() > 0)
        #expect(try noted.pendingRecordChangeCount() == 0)
        let want = try state(direct, tokens: tokens), got = try state(noted, tokens: tokens)
        #expect(got.records == want.records)
        #expect(got.found == want.found)
        #expect(got.indexSize == want.indexSize)
        // Something of each kind happened.
        #expect(want.records.joined().contains { $0.header.status != .open })
        #expect(want.found.contains(false) && want.found.contains(true))
    }

    /// The apply decodes one slice of noted entries while it writes the one before: many small
    /// slices (and a last one that is not full) end where one slice ends.
    @Test(arguments: [(5, 7), (6, 64)] as [(UInt64, Int)])
    func notedChangesDecodedWhileTheSliceBeforeIsWrittenEndWhereChangesInLogOrderEnd(seed: UInt64, slice: Int) throws {
        let (entries, tokens) = try randomLog(seed: seed, count: 600)
        let direct = try AppDatabase(path: dir.path("direct-slices-\(seed).sqlite"))
        let noted = try AppDatabase(path: dir.path("noted-slices-\(seed).sqlite"))
        try direct.saveLogEntries(entries, me: myID, names: names)
        try noted.saveLogEntries(entries, me: myID, names: names, stage: true)
        #expect(try noted.write { db in try AppDatabase.applyPendingRecordChanges(db, decodeSlice: slice) } > 0)
        #expect(try noted.pendingRecordChangeCount() == 0)
        let want = try state(direct, tokens: tokens), got = try state(noted, tokens: tokens)
        #expect(got.records == want.records)
        #expect(got.found == want.found)
        #expect(got.indexSize == want.indexSize)
    }

    /// Applies in the middle of the catch-up (the 60 s or 1,048,576-entry cap): later notes change
    /// records an earlier apply wrote (status changes, withdrawals, the same id from a second
    /// origin), and a non-staged save in between applies what waits first.
    @Test(arguments: [7, 8] as [UInt64])
    func notedChangesAppliedSeveralTimesWhileMoreArriveEndWhereChangesInLogOrderEnd(seed: UInt64) throws {
        let (entries, tokens) = try randomLog(seed: seed, count: 900)
        let direct = try AppDatabase(path: dir.path("direct-interleaved-\(seed).sqlite"))
        let noted = try AppDatabase(path: dir.path("noted-interleaved-\(seed).sqlite"))
        let batches = stride(from: 0, to: entries.count, by: 40).map { Array(entries[$0..<min($0 + 40, entries.count)]) }
        for (i, batch) in batches.enumerated() {
            try direct.saveLogEntries(batch, me: myID, names: names)
            switch i % 7 {
            case 3: try noted.saveLogEntries(batch, me: myID, names: names)  // applies what waits, then this batch
            default: try noted.saveLogEntries(batch, me: myID, names: names, stage: true)
            }
            if i % 5 == 4 { _ = try noted.write { db in try AppDatabase.applyPendingRecordChanges(db, decodeSlice: 16) } }
        }
        try noted.applyPendingRecordChanges()
        #expect(try noted.pendingRecordChangeCount() == 0)
        let want = try state(direct, tokens: tokens), got = try state(noted, tokens: tokens)
        #expect(got.records == want.records)
        #expect(got.found == want.found)
        #expect(got.indexSize == want.indexSize)
    }

    /// An apply into an empty record table drops its secondary indexes and makes them again at
    /// the end: same records and tokens, the same index definitions, and the indexes answer.
    @Test func anApplyIntoAnEmptyTableRebuildsItsIndexesAsTheyWere() throws {
        let (entries, tokens) = try randomLog(seed: 9, count: 400)
        let direct = try AppDatabase(path: dir.path("direct-rebuild.sqlite"))
        let noted = try AppDatabase(path: dir.path("noted-rebuild.sqlite"))
        try direct.saveLogEntries(entries, me: myID, names: names)
        try noted.saveLogEntries(entries, me: myID, names: names, stage: true)
        let before = try noted.indexDefinitions(of: "blinded_record")
        #expect(before.count == 2)  // by expiry and by origin
        #expect(try noted.write { db in try AppDatabase.applyPendingRecordChanges(db, decodeSlice: 50, rebuildIndexesFrom: 10) } > 0)
        #expect(try noted.indexDefinitions(of: "blinded_record") == before)
        let want = try state(direct, tokens: tokens), got = try state(noted, tokens: tokens)
        #expect(got.records == want.records)
        #expect(got.found == want.found)
        #expect(got.indexSize == want.indexSize)  // the records were read back by origin, through the rebuilt index
    }

    /// The row of a published record is made from the body without writing its month out as
    /// text: the same row as through the record.
    @Test func aPublishedRowIsTheRowOfItsRecord() {
        for (year, month) in [(1900, 1), (2026, 9), (2026, 10), (9999, 12)] {
            var p = publication(ReportID(), token: UInt64(year * 100 + month))
            p.year = year
            p.month = month
            p.tokens.reverse()  // out of type order, as a body may hold them
            #expect(BlindedRow(p, origin: "shop-1") == BlindedRow(p.record(origin: "shop-1")))
        }
    }

    /// A change is noted under the record its body's first bytes name, without decoding the body.
    @Test func theNotedRecordIsTheOneTheBodyNames() throws {
        let id = ReportID()
        for body in [LogBody.publish(publication(id, token: 5)), .status(id, .paid), .withdraw(id)] {
            #expect(AppDatabase.recordRowid(kind: body.kind, body: body.encoded()) == AppDatabase.rowid(id))
        }
        #expect(AppDatabase.recordRowid(kind: .withdraw, body: Array(id.bytes.prefix(15))) == nil)
        #expect(AppDatabase.recordRowid(kind: .revoke, body: id.bytes + id.bytes) == nil)
    }

    /// Above a few thousand pairs the index entries are ordered by a radix sort: by token (signed),
    /// and within one token as they came; the same order as the standard sort gives pairs that
    /// came in record order.
    @Test func theRadixSortOrdersPairsAsTheStandardSort() {
        var random = SimulationRandom(seed: 11)
        // Tokens of both signs, some repeated; records ascending as an apply appends them.
        let pool = (0..<3_000).map { _ in Int64(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)) } + [.min, .max, 0, -1]
        let pairs = (0..<20_000).map { i in (token: pool.randomElement(using: &random)!, record: Int64(i) - 10_000) }
        let sorted = DeferredTokens.sortedByToken(pairs)
        let want = pairs.sorted { ($0.token, $0.record) < ($1.token, $1.record) }
        #expect(sorted.count == want.count)
        #expect(zip(sorted, want).allSatisfy { $0.token == $1.token && $0.record == $1.record })
    }

    /// The token index is written many rows per statement: a (prefix, record) pair that comes
    /// twice in one statement is kept once, and the rows after a full statement go in too.
    @Test func aBulkIndexWriteKeepsOnePairPerPrefixAndRecord() throws {
        let db = try AppDatabase(path: dir.path("bulk.sqlite"))
        let count = DeferredTokens.rowsPerStatement + 45
        let records = (0..<count).map { i in
            BlindedRecord(id: ReportID(), origin: "shop-0", epoch: 1, category: .nonPayment, amountYen: i, month: "2026-10",
                          status: .open, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
                          // Two tokens with one 8-byte prefix: one index entry for the record.
                          tokens: [BlindToken(type: .phone, value: TokenValue(high: UInt64(500 + i), low: 1)),
                                   BlindToken(type: .email, value: TokenValue(high: UInt64(500 + i), low: 2)),
                                   BlindToken(type: .address, value: TokenValue(high: 7, low: UInt64(i)))])
        }
        try db.store(records)
        let index = try db.tokenIndex()
        #expect(index.count == 2 * count)
        #expect((0..<count).allSatisfy { index.mightContain(TokenValue(high: UInt64(500 + $0), low: 9)) })
        #expect(try db.candidates(for: [[BlindToken(type: .address, value: TokenValue(high: 7, low: 3))]])[0].count == 1)
    }

    @Test func aSaveThatIsNotCatchingUpAppliesWhatWaitsFirstAndAPurgeLeavesIt() throws {
        let db = try AppDatabase(path: dir.path("order.sqlite"))
        let id = ReportID()
        let publish = try LogEntry.make(signer: origins[0], seq: 1, previous: .zero, body: .publish(publication(id, token: 77)))
        try db.saveLogEntries([publish], me: myID, names: names, stage: true)
        #expect(try db.blindedRecordCount() == 0)
        // The status change comes in an ordinary delta: the publication it follows is applied first.
        let paid = try LogEntry.make(signer: origins[0], seq: 2, previous: publish.hash, body: .status(id, .paid))
        try db.saveLogEntries([paid], me: myID, names: names)
        #expect(try db.pendingRecordChangeCount() == 0)
        #expect(try db.blindedRecords(origin: "shop-0").map(\.header.status) == [.paid])
        // This node's own entries alone do not touch other origins' records, so they do not apply.
        let other = try LogEntry.make(signer: origins[1], seq: 1, previous: .zero, body: .publish(publication(ReportID(), token: 78)))
        try db.saveLogEntries([other], me: myID, names: names, stage: true)
        let own = try LogEntry.make(signer: me, seq: 1, previous: .zero, body: .publish(publication(ReportID(), token: 79)))
        try db.saveLogEntries([own], me: myID, names: names)
        #expect(try db.pendingRecordChangeCount() == 1)
        // A purge (which commands run) leaves the notes to the node: it must not hold the write
        // lock for a whole apply.
        _ = try db.purgeExpired(today: LocalDate(year: 2026, month: 11, day: 1)!)
        #expect(try db.pendingRecordChangeCount() == 1)
        #expect(try db.applyPendingRecordChanges() == 1)
        #expect(try db.blindedRecordCount() == 2)
    }

    @Test func aRecordWithdrawnInTheTransactionThatPublishedItLeavesNoIndexEntry() throws {
        let db = try AppDatabase(path: dir.path("withdrawn.sqlite"))
        let id = ReportID()
        let publish = try LogEntry.make(signer: origins[0], seq: 1, previous: .zero, body: .publish(publication(id, token: 55)))
        let withdraw = try LogEntry.make(signer: origins[0], seq: 2, previous: publish.hash, body: .withdraw(id))
        try db.saveLogEntries([publish, withdraw], me: myID, names: names)
        #expect(try db.blindedRecordCount() == 0)
        #expect(try db.tokenIndex().count == 0)
    }
}
