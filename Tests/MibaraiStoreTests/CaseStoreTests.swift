import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

@Suite("Case store")
struct CaseStoreTests {
    let dir = TemporaryDirectory()
    let normalizer = try! Normalizer.bundled()
    let blinder = Blinder(key: Fixtures.key)
    let policy = DunningPolicy()

    func open() throws -> AppDatabase { try AppDatabase(path: dir.path("node.sqlite")) }

    func blinded(_ r: Report, origin: String = "shop-test") -> BlindedRecord {
        BlindedRecord(report: r, origin: origin, normalized: normalizer.normalize(r.identity), blinder: blinder)
    }

    func newCase() -> DunningCase {
        DunningCase(
            identity: Fixtures.canary,
            order: CaseOrder(
                reference: "A-1001", orderDate: LocalDate(parsing: "2026-10-01"), shipDate: LocalDate(parsing: "2026-10-02"),
                carrier: "ヤマト運輸", trackingNumber: "1234", paymentMethod: "後払い", items: "珈琲豆", amountYen: 12_800
            ),
            openedOn: LocalDate(parsing: "2026-10-18")!, note: "初回"
        )
    }

    @Test func aCaseAndItsTimelineSurviveReopeningTheFile() throws {
        var c = try open().openCase(newCase())
        #expect(c.number == 1)
        _ = try c.record(CaseEvent(date: LocalDate(parsing: "2026-10-20")!, kind: .mailSent, note: "メール"), today: Fixtures.today, policy: policy)
        _ = try c.record(
            CaseEvent(date: LocalDate(parsing: "2026-10-21")!, kind: .promiseToPay, promisedDate: LocalDate(parsing: "2026-10-30")),
            today: Fixtures.today, policy: policy
        )
        _ = try c.record(CaseEvent(date: LocalDate(parsing: "2026-10-30")!, kind: .payment, amountYen: 2_800), today: Fixtures.today, policy: policy)
        let saved = try open().saveCase(c, on: Fixtures.today)
        let reopened = try #require(try open().dunningCase(1))
        #expect(reopened == saved)
        #expect(reopened.events.map(\.kind) == [.opened, .mailSent, .promiseToPay, .payment])
        #expect(reopened.events.allSatisfy { $0.seq > 0 })
        #expect(reopened.stage == .inquiry)
        #expect(reopened.outstandingYen == 10_000)
        #expect(reopened.order == newCase().order)
        #expect(reopened.identity == Fixtures.canary)
        #expect(try open().cases().map(\.number) == [1])
    }

    @Test func aStaleCopyCannotOverwriteNewerEvents() throws {
        let db = try open()
        let c = try db.openCase(newCase())
        var first = c, second = c
        _ = try first.record(CaseEvent(date: Fixtures.today, kind: .callMade), today: Fixtures.today, policy: policy)
        _ = try db.saveCase(first, on: Fixtures.today)
        _ = try second.record(CaseEvent(date: Fixtures.today, kind: .noAnswer), today: Fixtures.today, policy: policy)
        #expect(throws: StoreError.self) { try db.saveCase(second, on: Fixtures.today) }
        #expect(try db.dunningCase(c.number)?.events.map(\.kind) == [.opened, .callMade])
    }

    @Test func closingSettledUpdatesTheLinkedReportInTheSameTransaction() throws {
        let db = try open()
        let report = Fixtures.report()
        try db.add(report, blinded: blinded(report), on: Fixtures.today)
        var c = newCase()
        c = DunningCase(identity: c.identity, order: c.order, openedOn: c.openedOn, reportID: report.id)
        c = try db.openCase(c)
        let actions = try c.close(.settled, date: Fixtures.today, today: Fixtures.today, note: nil)
        guard case .setReportStatus(let id, let status) = try #require(actions.last) else { Issue.record("no report action"); return }
        var paid = report
        paid.status = status
        _ = try db.saveCase(c, report: .init(report: paid, blinded: blinded(paid), isNew: false), on: Fixtures.today)
        #expect(try db.report(id)?.status == .settled)
        #expect(try db.events(of: id).map(\.kind) == ["recorded", "status"])
        #expect(try db.cases().isEmpty)
        #expect(try db.cases(includeClosed: true).first?.outcome == .settled)
    }

    @Test func aFailedReportWriteLeavesTheCaseUntouched() throws {
        let db = try open()
        var c = try db.openCase(newCase())
        _ = try c.close(.settled, date: Fixtures.today, today: Fixtures.today, note: nil)
        // The report does not exist: the whole transaction is refused.
        let ghost = Fixtures.report()
        #expect(throws: StoreError.self) {
            try db.saveCase(c, report: .init(report: ghost, blinded: blinded(ghost), isNew: false), on: Fixtures.today)
        }
        #expect(try db.dunningCase(c.number)?.isClosed == false)
    }

    @Test func theDamageSummaryCountsShopsAndUnpaidYenWithoutPersonalData() throws {
        let db = try open()
        let a = Fixtures.report(amount: 12_800)
        let b = Fixtures.report(amount: 30_000)
        let paid = Fixtures.report(amount: 5_000, status: .paid)
        // Another person at the same address: a household match, left out.
        var neighbour = Fixtures.canary
        neighbour.name = "見本 花子"
        neighbour.nameKana = nil
        neighbour.phone = "080-9999-0000"
        neighbour.email = nil
        let other = Fixtures.report(neighbour, amount: 99_000)
        try db.store([blinded(a, origin: "shop-a"), blinded(b, origin: "shop-b"), blinded(paid, origin: "shop-b"), blinded(other, origin: "shop-c")])
        let q = blinder.tokens(for: normalizer.normalize(Fixtures.canary))
        let summary = DamageSummary(LookupResult(query: q, candidates: try db.candidates(for: [q])[0]))
        #expect(summary.shopCount == 2)
        #expect(summary.reportCount == 3)
        #expect(summary.outstandingYen == 42_800)
        #expect(summary.reportedYen == 47_800)
        #expect(summary.firstMonth == "2026-10")
        let md = summary.markdown(preparedOn: Fixtures.today, preparedBy: "hub-kanto")
        #expect(md.contains("¥42,800"))
        for value in [Fixtures.canary.name!, Fixtures.canary.phone!, "09012345678", "古石場", "canary"] {
            #expect(!md.contains(value))
            #expect(!String(decoding: try JSONEncoder().encode(summary), as: UTF8.self).contains(value))
        }
    }
}

@Suite("Case retention")
struct CaseRetentionTests {
    let dir = TemporaryDirectory()

    @Test func closedCasesLosePersonalDataAfterTheKeepPeriodOpenOnesNever() throws {
        let db = try AppDatabase(path: dir.path("node.sqlite"))
        let opened = LocalDate(parsing: "2020-01-10")!
        func open() throws -> DunningCase {
            try db.openCase(DunningCase(identity: Fixtures.canary, order: CaseOrder(reference: "A-1", amountYen: 5_000), openedOn: opened))
        }
        var old = try open()
        _ = try old.close(.writtenOff, date: LocalDate(parsing: "2020-02-01")!, today: Fixtures.today, note: nil)
        old = try db.saveCase(old, on: Fixtures.today)
        var recent = try open()
        _ = try recent.close(.settled, date: LocalDate(parsing: "2026-11-01")!, today: Fixtures.today, note: nil)
        recent = try db.saveCase(recent, on: Fixtures.today)
        let still = try open()

        let erased = try db.purgeClosedCases(closedBefore: Fixtures.today.adding(days: -1_825), on: Fixtures.today)
        #expect(erased == 1)
        let after = try #require(try db.dunningCase(old.number))
        #expect(after.identity.isEmpty)
        #expect(after.order.amountYen == 5_000)
        #expect(after.events.last?.note?.contains("personal data erased") == true)
        #expect(try db.dunningCase(recent.number)?.identity == Fixtures.canary)
        #expect(try db.dunningCase(still.number)?.identity == Fixtures.canary)
        // Nothing left to erase the second time.
        #expect(try db.purgeClosedCases(closedBefore: Fixtures.today.adding(days: -1_825), on: Fixtures.today) == 0)
    }
}
