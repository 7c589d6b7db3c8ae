import MibaraiCore
import MibaraiTestSupport
import Testing

@Suite("Dunning ladder")
struct DunningCaseTests {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    /// An order of 2026-10-01 for ¥12,800, opened on 2026-10-18.
    static func newCase(amount: Int = 12_800, deliberate: Bool = false, report: ReportID? = nil) -> DunningCase {
        DunningCase(
            number: 1, identity: Fixtures.canary,
            order: CaseOrder(reference: "A-1001", orderDate: d("2026-10-01"), shipDate: d("2026-10-02"), amountYen: amount),
            openedOn: d("2026-10-18"), flaggedDeliberate: deliberate, reportID: report
        )
    }

    let policy = DunningPolicy()
    let today = Fixtures.today

    @Test func aNewCaseAsksForAPoliteInquiryAfterTheGraceDays() throws {
        let c = Self.newCase()
        // Due 14 days after the order (2026-10-15), inquiry 3 days later, but not before opening.
        #expect(c.dueDate(policy: policy) == Self.d("2026-10-15"))
        let step = try #require(c.nextStep(policy: policy))
        #expect(step.advice == .contact(.inquiry))
        #expect(step.due == Self.d("2026-10-18"))
        #expect(step.daysOverdue(on: today) == 35)

        var custom = policy
        custom.paymentTermDays = 30
        custom.inquiryGraceDays = 5
        #expect(c.nextStep(policy: custom)?.due == Self.d("2026-11-05"))
    }

    /// A refused cash-on-delivery parcel is chased from the day it was refused, as a loss; it never
    /// reaches the police rung, however deliberate it looks (nothing was obtained).
    @Test func aRefusedParcelIsChasedFromTheRefusalAndNeverGoesToThePolice() throws {
        var c = Self.newCase(amount: 3_440, deliberate: true)
        c.order.refusedOn = Self.d("2026-10-05")
        c = DunningCase(number: 1, identity: c.identity, order: c.order, openedOn: Self.d("2026-10-06"), flaggedDeliberate: true)
        let step = try #require(c.nextStep(policy: policy))
        #expect(step.due == Self.d("2026-10-08"))
        #expect(step.reason.ja.contains("受取拒否 (2026-10-05)") && !step.reason.ja.contains("支払期限"), "\(step.reason.ja)")
        for (day, stage) in [("2026-10-08", DunningStage.inquiry), ("2026-10-15", .reminder), ("2026-10-22", .reminder),
                             ("2026-10-29", .firmNotice), ("2026-11-08", .formalDemand)] {
            _ = try c.record(CaseEvent(date: Self.d(day), kind: .letterSent, stage: stage), today: today, policy: policy)
        }
        #expect(c.isDeliberate && !c.policeReportFits)
        #expect(c.nextStep(policy: policy)?.advice != .contact(.policeReport))
    }

    @Test func theLadderClimbsAtThePolicysPace() throws {
        var c = Self.newCase()
        var p = policy
        p.reminderCount = 2
        p.reminderIntervalDays = 5
        var day = Self.d("2026-10-18")
        var taken: [DunningStage] = []
        // Take every suggested step on its due day until the court.
        for _ in 0..<5 {
            let step = try #require(c.nextStep(policy: p))
            guard case .contact(let stage) = step.advice else { Issue.record("unexpected \(step.advice)"); return }
            #expect(step.due >= day)
            day = step.due
            _ = try c.record(CaseEvent(date: day, kind: .letterSent), today: Self.d("2026-12-31"), policy: p)
            #expect(c.events.last?.stage == stage)
            taken.append(stage)
        }
        #expect(taken == [.inquiry, .reminder, .reminder, .firmNotice, .formalDemand])
        // Reminders 5 days apart, then the 内容証明 10 days after the firm notice.
        let dates = c.events.filter { $0.kind.isContact }.map(\.date.description)
        #expect(dates == ["2026-10-18", "2026-10-23", "2026-10-28", "2026-11-02", "2026-11-12"])
        let court = try #require(c.nextStep(policy: p))
        #expect(court.advice == .contact(.legalAction))
        #expect(court.due == Self.d("2026-11-26"))
    }

    @Test func theFirmNoticeSaysUnansweredOnlyWhenNoOneAnswered() throws {
        var p = policy
        p.reminderCount = 2
        func climbed(answering: Bool) throws -> NextStep {
            var c = Self.newCase()
            for day in ["2026-10-18", "2026-10-25", "2026-11-01"] {
                _ = try c.record(CaseEvent(date: Self.d(day), kind: .mailSent), today: Self.d("2026-12-31"), policy: p)
            }
            if answering {
                _ = try c.record(CaseEvent(date: Self.d("2026-11-02"), kind: .reply), today: Self.d("2026-12-31"), policy: p)
            }
            return try #require(c.nextStep(policy: p))
        }
        let silent = try climbed(answering: false)
        #expect(silent.advice == .contact(.firmNotice))
        #expect(silent.reason.ja.contains("応答なし") && silent.reason.en.contains("unanswered"))
        let answered = try climbed(answering: true)
        #expect(answered.advice == .contact(.firmNotice))
        #expect(!answered.reason.ja.contains("応答なし") && !answered.reason.en.contains("unanswered"), "\(answered.reason.ja)")
        #expect(answered.reason.ja.contains("応答はあったが未払い"))
    }

    @Test func reachingTheReportRungOffersAReportOnce() throws {
        var c = Self.newCase()
        #expect(try c.record(CaseEvent(date: Self.d("2026-10-18"), kind: .mailSent, stage: .inquiry), today: today, policy: policy).isEmpty)
        #expect(!c.shouldOfferReport(policy: policy))
        let actions = try c.record(CaseEvent(date: Self.d("2026-11-01"), kind: .letterSent, stage: .firmNotice), today: today, policy: policy)
        #expect(actions == [.offerReport(amountYen: 12_800)])
        #expect(c.shouldOfferReport(policy: policy))
        // A second contact at or above the rung does not offer again.
        #expect(try c.record(CaseEvent(date: Self.d("2026-11-05"), kind: .callMade), today: today, policy: policy).isEmpty)
        // A case that already has a report is never offered one.
        var linked = Self.newCase(report: ReportID(bytes: Array(repeating: 7, count: 16)))
        #expect(try linked.record(CaseEvent(date: Self.d("2026-11-01"), kind: .letterSent, stage: .firmNotice), today: today, policy: policy).isEmpty)
    }

    @Test func aPromiseHoldsTheLadderUntilItsDatePlusGrace() throws {
        var c = Self.newCase()
        _ = try c.record(CaseEvent(date: Self.d("2026-10-18"), kind: .mailSent), today: today, policy: policy)
        #expect(c.nextStep(policy: policy)?.due == Self.d("2026-10-25"))
        _ = try c.record(CaseEvent(date: Self.d("2026-10-20"), kind: .promiseToPay, promisedDate: Self.d("2026-11-10")), today: today, policy: policy)
        let step = try #require(c.nextStep(policy: policy))
        #expect(step.advice == .contact(.reminder))
        #expect(step.due == Self.d("2026-11-13"))
        #expect(step.reason.en.contains("2026-11-10"))
        // A courtesy call before the promised date does not cancel the hold.
        _ = try c.record(CaseEvent(date: Self.d("2026-11-05"), kind: .callMade), today: today, policy: policy)
        #expect(c.nextStep(policy: policy)?.due == Self.d("2026-11-13"))
    }

    @Test func paymentsReduceWhatIsOwedAndTheLastOneClosesTheCaseAndItsReport() throws {
        let reportID = ReportID(bytes: Array(repeating: 9, count: 16))!
        var c = Self.newCase(report: reportID)
        #expect(try c.record(CaseEvent(date: Self.d("2026-11-01"), kind: .payment, amountYen: 5_000), today: today, policy: policy)
            == [.setReportAmount(reportID, 7_800)])
        #expect(c.outstandingYen == 7_800)
        #expect(!c.isClosed)
        let actions = try c.record(CaseEvent(date: Self.d("2026-11-02"), kind: .payment, amountYen: 7_800), today: today, policy: policy)
        #expect(actions == [.closed(.paid), .setReportStatus(reportID, .paid)])
        #expect(c.outcome == .paid)
        #expect(c.nextStep(policy: policy) == nil)
    }

    @Test func closingAsSettledCarriesTheReportAlongButWritingOffDoesNot() throws {
        let id = ReportID(bytes: Array(repeating: 3, count: 16))!
        var settled = Self.newCase(report: id)
        #expect(try settled.close(.settled, date: today, today: today, note: nil) == [.closed(.settled), .setReportStatus(id, .settled)])
        var lost = Self.newCase(report: id)
        #expect(try lost.close(.writtenOff, date: today, today: today, note: nil) == [.closed(.writtenOff)])
    }

    @Test func smallAmountsSuggestWritingOffAndDeliberateCasesThePolice() throws {
        func climb(_ c: inout DunningCase, to stage: DunningStage) throws {
            _ = try c.record(CaseEvent(date: Self.d("2026-11-01"), kind: .letterSent, stage: stage), today: today, policy: policy)
        }
        var small = Self.newCase(amount: 2_000)
        try climb(&small, to: .firmNotice)
        #expect(small.nextStep(policy: policy)?.advice == .considerWriteOff(.formalDemand))

        var medium = Self.newCase(amount: 8_000)
        try climb(&medium, to: .formalDemand)
        #expect(medium.nextStep(policy: policy)?.advice == .considerWriteOff(.legalAction))

        var fraud = Self.newCase(amount: 8_000)
        try climb(&fraud, to: .formalDemand)
        _ = try fraud.record(CaseEvent(date: Self.d("2026-11-05"), kind: .letterReturned), today: today, policy: policy)
        #expect(fraud.isDeliberate)
        #expect(fraud.nextStep(policy: policy)?.advice == .contact(.policeReport))

        var filed = Self.newCase(amount: 50_000)
        _ = try filed.record(CaseEvent(date: Self.d("2026-11-01"), kind: .courtFiling), today: today, policy: policy)
        #expect(filed.stage == .legalAction)
        #expect(filed.nextStep(policy: policy)?.advice == .followUp(.legalAction))
    }

    @Test func impossibleEventsAreRefusedAndChangeNothing() throws {
        var c = Self.newCase()
        _ = try c.record(CaseEvent(date: Self.d("2026-11-01"), kind: .mailSent), today: today, policy: policy)
        let before = c
        let bad: [(CaseEvent, CaseError)] = [
            (CaseEvent(date: Self.d("2026-11-23"), kind: .callMade), .dateInFuture),
            (CaseEvent(date: Self.d("2026-10-31"), kind: .callMade), .beforeLastEvent(Self.d("2026-11-01"))),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .payment, amountYen: 20_000), .paymentTooLarge(outstanding: 12_800)),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .payment), .paymentNotPositive),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .promiseToPay), .promiseMissingDate),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .promiseToPay, promisedDate: Self.d("2026-11-01")), .promiseInPast),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .reply, stage: .reminder), .stageNotAContact),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .closed), .notLoggable(.closed)),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .callMade, amountYen: 5_000), .amountNotForKind),
            (CaseEvent(date: Self.d("2026-11-02"), kind: .reply, promisedDate: Self.d("2026-11-30")), .promisedDateNotForKind),
        ]
        for (event, expected) in bad {
            #expect(throws: expected) { _ = try c.record(event, today: today, policy: policy) }
            #expect(c == before)
        }
        var early = Self.newCase()
        #expect(throws: CaseError.beforeOpening(Self.d("2026-10-18"))) {
            _ = try early.record(CaseEvent(date: Self.d("2026-10-10"), kind: .mailSent), today: today, policy: policy)
        }
        _ = try c.close(.writtenOff, date: today, today: today, note: nil)
        #expect(throws: CaseError.closed) { _ = try c.record(CaseEvent(date: today, kind: .note), today: today, policy: policy) }
    }

    @Test func openingChecksAmountAndDates() {
        var c = Self.newCase()
        #expect(throws: Never.self) { try c.validateOpening(today: today) }
        c.order.amountYen = 0
        #expect(throws: CaseError.amountNotPositive) { try c.validateOpening(today: today) }
        let future = DunningCase(identity: Fixtures.canary, order: CaseOrder(orderDate: Self.d("2026-12-01"), amountYen: 100), openedOn: today)
        #expect(throws: CaseError.dateInFuture) { try future.validateOpening(today: today) }
        // A refused parcel: refused on or after the ship date, and never also delivered.
        var refused = Self.newCase()
        refused.order.refusedOn = Self.d("2026-10-02")
        #expect(throws: Never.self) { try refused.validateOpening(today: today) }
        refused.order.refusedOn = Self.d("2026-10-01")
        #expect(throws: CaseError.refusedBeforeShipping) { try refused.validateOpening(today: today) }
        refused.order.refusedOn = Self.d("2026-10-05")
        refused.order.deliveredOn = Self.d("2026-10-04")
        #expect(throws: CaseError.refusedAndDelivered) { try refused.validateOpening(today: today) }
    }

    @Test func aContactStandsOnlyForTheRungsItsKindCanBe() throws {
        var c = Self.newCase()
        _ = try c.record(CaseEvent(date: Self.d("2026-11-01"), kind: .letterSent, stage: .firmNotice), today: today, policy: policy)
        #expect(c.nextStep(policy: policy)?.advice == .contact(.formalDemand))
        // A call now is not the 内容証明: it stays at the firm notice, and the 内容証明 is still next.
        _ = try c.record(CaseEvent(date: Self.d("2026-11-05"), kind: .callMade), today: today, policy: policy)
        #expect(c.events.last?.stage == .firmNotice)
        #expect(c.nextStep(policy: policy)?.advice == .contact(.formalDemand))
        #expect(throws: CaseError.stageNotForKind(.mailSent, .formalDemand)) {
            _ = try c.record(CaseEvent(date: Self.d("2026-11-06"), kind: .mailSent, stage: .formalDemand), today: today, policy: policy)
        }
        #expect(throws: CaseError.stageNotForKind(.letterSent, .policeReport)) {
            _ = try c.record(CaseEvent(date: Self.d("2026-11-06"), kind: .letterSent, stage: .policeReport), today: today, policy: policy)
        }
    }

    @Test func withNoRemindersTheFirmNoticeFollowsTheInquiry() throws {
        var p = policy
        p.reminderCount = 0
        var c = Self.newCase()
        _ = try c.record(CaseEvent(date: Self.d("2026-10-18"), kind: .mailSent), today: today, policy: p)
        #expect(c.nextStep(policy: p)?.advice == .contact(.firmNotice))
    }

    @Test func unansweredCallsNeitherRestartTheClockNorCountAsReminders() throws {
        var c = Self.newCase()
        _ = try c.record(CaseEvent(date: Self.d("2026-10-18"), kind: .mailSent), today: today, policy: policy)
        _ = try c.record(CaseEvent(date: Self.d("2026-10-25"), kind: .mailSent), today: today, policy: policy)
        _ = try c.record(CaseEvent(date: Self.d("2026-10-25"), kind: .callMade), today: today, policy: policy)
        _ = try c.record(CaseEvent(date: Self.d("2026-10-30"), kind: .noAnswer), today: today, policy: policy)
        let step = try #require(c.nextStep(policy: policy))
        #expect(step.advice == .contact(.reminder), "one reminder day so far")
        #expect(step.due == Self.d("2026-11-01"))
    }

    @Test func closingAsPaidNeedsEveryYenAndAReportNeedsTheReportRung() throws {
        var c = Self.newCase()
        #expect(throws: CaseError.stillOwed(12_800)) { _ = try c.close(.paid, date: today, today: today, note: nil) }
        #expect(throws: CaseError.tooEarlyToReport(.firmNotice)) {
            _ = try c.reportToPublish(category: .nonPayment, policy: policy, retention: RetentionPolicy(), today: today)
        }
        _ = try c.record(CaseEvent(date: Self.d("2026-11-01"), kind: .letterSent, stage: .firmNotice), today: today, policy: policy)
        // Not while the firm notice's own deadline (7 days) runs: from the day after it.
        #expect(c.reportOpensOn(policy: policy) == Self.d("2026-11-09"))
        #expect(throws: CaseError.beforeDeadline(Self.d("2026-11-08"))) {
            _ = try c.reportToPublish(category: .nonPayment, policy: policy, retention: RetentionPolicy(), today: Self.d("2026-11-08"))
        }
        let report = try c.reportToPublish(category: .nonPayment, policy: policy, retention: RetentionPolicy(), today: Self.d("2026-11-09"))
        #expect(report.amountYen == 12_800)
        #expect(report.incidentDate == Self.d("2026-10-15"))
    }

    @Test func everyCodeRoundTripsThroughItsName() {
        for s in DunningStage.allCases { #expect(DunningStage(name: s.name) == s); #expect(DunningStage(name: s.label.ja) == s) }
        for k in CaseEventKind.allCases { #expect(CaseEventKind(name: k.name) == k) }
        for o in CaseOutcome.allCases { #expect(CaseOutcome(name: o.name) == o) }
        // Stored codes are fixed.
        #expect(DunningStage.allCases.map(\.rawValue) == [1, 2, 3, 4, 5, 6])
        #expect(CaseEventKind.allCases.map(\.rawValue) == Array(1...14))
        #expect(CaseOutcome.allCases.map(\.rawValue) == [1, 2, 3])
    }
}
