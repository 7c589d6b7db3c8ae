import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

@Suite("Store")
struct AppDatabaseTests {
    let dir = TemporaryDirectory()
    let normalizer = try! Normalizer.bundled()
    let blinder = Blinder(key: Fixtures.key)

    func open() throws -> AppDatabase { try AppDatabase(path: dir.path("node.sqlite")) }

    func blinded(_ r: Report) -> BlindedRecord {
        BlindedRecord(report: r, origin: "shop-test", normalized: normalizer.normalize(r.identity), blinder: blinder)
    }

    func lookup(_ db: AppDatabase, _ identity: Identity) throws -> LookupResult {
        let q = blinder.tokens(for: normalizer.normalize(identity))
        return LookupResult(query: q, candidates: try db.candidates(for: [q])[0])
    }

    @Test func reportRoundTripsThroughAFileAndSurvivesReopening() throws {
        let r = Fixtures.report()
        try open().add(r, blinded: blinded(r), on: Fixtures.today)
        let reopened = try open()
        #expect(try reopened.report(r.id) == r)
        #expect(try reopened.reports().map(\.id) == [r.id])
        #expect(try reopened.events(of: r.id).map(\.kind) == ["recorded"])
        #expect(FileManager.default.fileExists(atPath: dir.path("node.sqlite-wal")))
    }

    @Test func lookupFindsTheReportAndWithdrawalRemovesIt() throws {
        let db = try open()
        var r = Fixtures.report()
        try db.add(r, blinded: blinded(r), on: Fixtures.today)
        let found = try lookup(db, Identity(phone: "+81 90-1234-5678"))
        #expect(found.reportCount == 1)
        #expect(try #require(found.matches.first).record.id == r.id)
        r.status = .withdrawn
        try db.update(r, blinded: blinded(r), on: Fixtures.today, event: "withdrawn")
        #expect(try lookup(db, Identity(phone: "090-1234-5678")).isEmpty)
        #expect(try db.blindedRecordCount() == 1)  // a withdrawn stub without tokens, for other copies
        #expect(try db.report(r.id)?.status == .withdrawn)
        #expect(try db.events(of: r.id).map(\.kind) == ["recorded", "withdrawn"])
    }

    @Test func statusChangeReachesTheBlindedRecord() throws {
        let db = try open()
        var r = Fixtures.report()
        try db.add(r, blinded: blinded(r), on: Fixtures.today)
        r.status = .paid
        try db.update(r, blinded: blinded(r), on: Fixtures.today, event: "status")
        let m = try lookup(db, Fixtures.canary)
        #expect(try #require(m.matches.first).record.status == .paid)
        #expect(m.outstandingYen == 0)
    }

    @Test func correctingThePhoneRemovesTheOldTokens() throws {
        let db = try open()
        var r = Fixtures.report()
        try db.add(r, blinded: blinded(r), on: Fixtures.today)
        r.identity.phone = "080-9999-0000"
        try db.update(r, blinded: blinded(r), on: Fixtures.today, event: "corrected")
        #expect(try lookup(db, Identity(phone: "090-1234-5678")).isEmpty)
        #expect(try lookup(db, Identity(phone: "080-9999-0000")).reportCount == 1)
        #expect(try db.tokenIndex().count == blinded(r).tokens.count)
    }

    @Test func updatingAnUnknownReportChangesNothing() throws {
        let db = try open()
        let r = Fixtures.report()
        #expect(throws: StoreError.self) { try db.update(r, blinded: blinded(r), on: Fixtures.today, event: "x") }
        #expect(try db.blindedRecordCount() == 0)
    }

    @Test func expiredRecordsArePurged() throws {
        let db = try open()
        let r = Fixtures.report()
        try db.add(r, blinded: blinded(r), on: Fixtures.today)
        #expect(try db.purgeExpired(today: r.expiresOn) == 0)
        #expect(try db.purgeExpired(today: r.expiresOn.adding(days: 1)) == 1)
        #expect(try lookup(db, Fixtures.canary).isEmpty)
        let kept = try #require(try db.report(r.id))
        #expect(kept.identity.isEmpty)
        #expect(kept.amountYen == r.amountYen)
        #expect(try db.events(of: r.id).map(\.kind) == ["recorded", "expired"])
    }

    @Test func batchLookupKeepsOrderAndConfirmsFullTokens() throws {
        let db = try open()
        let records = (0..<200).map { i in
            BlindedRecord(id: ReportID(), origin: "shop-\(i % 3)", epoch: 1, category: .codRefusal, amountYen: i, month: "2026-10",
                          status: .open, expiresOn: Fixtures.today.adding(days: 100),
                          tokens: [blinder.token(.phone, ["+8190000\(String(format: "%05d", i))"])])
        }
        try db.store(records)
        let queries = [7, 150, 999].map { [blinder.token(.phone, ["+8190000\(String(format: "%05d", $0))"])] }
        let results = try db.candidates(for: queries)
        #expect(results.map(\.count) == [1, 1, 0])
        #expect(try #require(results[1].first).0.amountYen == 150)
        // A token that shares only the 8-byte index prefix with a stored one is not a match.
        let stored = records[7].tokens[0].value
        let lookalike = BlindToken(type: .phone, value: TokenValue(high: stored.high, low: stored.low ^ 1))
        #expect(try db.candidates(for: [[lookalike]])[0].isEmpty)
    }

    /// Retired epochs: other origins' records under them go, with their tokens; this node's own
    /// records and every record under a kept epoch stay.
    @Test func droppingRetiredEpochsKeepsOwnAndCurrentRecords() throws {
        let db = try open()
        func record(_ origin: String, epoch: UInt32, _ i: Int) -> BlindedRecord {
            BlindedRecord(id: ReportID(), origin: origin, epoch: epoch, category: .nonPayment, amountYen: i, month: "2026-10",
                          status: .open, expiresOn: Fixtures.today.adding(days: 100),
                          tokens: [blinder.token(.phone, ["+8180000\(String(format: "%05d", i))"])])
        }
        let records = [record("shop-b", epoch: 1, 1), record("shop-b", epoch: 2, 2), record("shop-c", epoch: 1, 3),
                       record("shop-test", epoch: 1, 4), record("shop-c", epoch: 3, 5)]
        try db.store(records)
        #expect(try db.dropBlinded(epochs: [1, 2], exceptOrigin: "shop-test") == 3)
        #expect(try db.blindedRecordCount() == 2)
        let left = try db.candidates(for: (1...5).map { [blinder.token(.phone, ["+8180000\(String(format: "%05d", $0))"])] })
        #expect(left.map(\.count) == [0, 0, 0, 1, 1])
        #expect(try db.dropBlinded(epochs: [], exceptOrigin: "shop-test") == 0)
        #expect(try db.dropBlinded(epochs: [1, 2], exceptOrigin: "shop-test") == 0)
    }

    @Test func unopenableFileIsAClearError() {
        #expect(throws: StoreError.self) { try AppDatabase(path: "/proc/no-such-dir/x.sqlite") }
    }
}

@Suite("Store in-memory token index")
struct TokenIndexTests {
    let dir = TemporaryDirectory()
    let blinder = Blinder(key: Fixtures.key)

    func record(_ phone: String) -> BlindedRecord {
        BlindedRecord(id: ReportID(), origin: "shop-a", epoch: 1, category: .nonPayment, amountYen: 100, month: "2026-10",
                      status: .open, expiresOn: Fixtures.today.adding(days: 10),
                      tokens: [blinder.token(.phone, phone), blinder.token(.address, "東京都|江東区|古石場|2-29-16|")])
    }

    @Test func answersLikeTheFileAndFollowsInserts() throws {
        let db = try AppDatabase(path: dir.path("x.sqlite"))
        let stored = (0..<50).map { record("+81900000\(1000 + $0)") }
        try db.store(stored)
        var index = try db.tokenIndex()
        #expect(index.count == 100)  // 50 phones + the shared household address of each of the 50 records
        let queries = [[blinder.token(.phone, "+819000001007")], [blinder.token(.phone, "+819999999999")],
                       [blinder.token(.address, "東京都|江東区|古石場|2-29-16|")]]
        let plain = try db.candidates(for: queries).map { Set($0.map(\.0.id)) }
        let indexed = try db.candidates(for: queries, index: index).map { Set($0.map(\.0.id)) }
        #expect(plain == indexed)
        #expect(indexed.map(\.count) == [1, 0, 50])

        let late = record("+819011112222")
        try db.store([late])
        let q = [[blinder.token(.phone, "+819011112222")]]
        #expect(try db.candidates(for: q, index: index)[0].isEmpty)  // a snapshot
        index.insert(late)
        #expect(try db.candidates(for: q, index: index)[0].map(\.0.id) == [late.id])
        #expect(index.count == 102)
    }

    @Test func readingTheIndexSaysHowFarItHasCome() throws {
        let db = try AppDatabase(path: dir.path("x.sqlite"))
        try db.store((0..<20).map { record("+81900000\(2000 + $0)") })  // 40 entries
        var heard: [[Int]] = []
        let index = try db.tokenIndex(every: 16) { read, of in heard.append([read, of]) }
        #expect(index.count == 40)
        #expect(heard == [[0, 40], [16, 40], [32, 40], [40, 40]])
        heard = []
        _ = try AppDatabase(path: dir.path("empty.sqlite")).tokenIndex { read, of in heard.append([read, of]) }
        #expect(heard == [[0, 0], [0, 0]])
    }
}
