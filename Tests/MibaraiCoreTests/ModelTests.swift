import MibaraiCore
import Testing

@Suite("Model")
struct ModelTests {
    @Test func datesParseAndRejectImpossibleDays() {
        #expect(LocalDate(parsing: "2026-02-28")?.description == "2026-02-28")
        #expect(LocalDate(parsing: "２０２６/4/1")?.description == "2026-04-01")
        #expect(LocalDate(parsing: "2026-02-29") == nil)
        #expect(LocalDate(parsing: "2024-02-29") != nil)
        #expect(LocalDate(parsing: "2026-13-01") == nil)
        #expect(LocalDate(parsing: "tomorrow") == nil)
        #expect(LocalDate(parsing: "2026-1-1-1") == nil)
    }

    /// The stored form (`YYYY-MM-DD`) is read by a short path; it must agree with the general one.
    @Test func theStoredFormReadsAsTheGeneralPathReadsIt() {
        for n in stride(from: -800, to: 40_000, by: 7) {
            let day = LocalDate(daysSinceEpoch: n)
            #expect(LocalDate(parsing: day.description) == day, "\(day)")
            #expect(LocalDate(parsing: day.description.replacingOccurrences(of: "-", with: "/")) == day)
        }
        for bad in ["2026-00-10", "2026-04-31", "2026-11-32", "2026-1a-01", "2026_11_01", "0000-00-00"] {
            #expect(LocalDate(parsing: bad) == nil, "\(bad)")
        }
        // Ten bytes that are not the stored form still take the general path.
        #expect(LocalDate(parsing: "2026-11-1 ") == LocalDate(year: 2026, month: 11, day: 1))
    }

    @Test func dayArithmeticRoundTrips() {
        let d = LocalDate(year: 2026, month: 11, day: 22)!
        #expect(LocalDate(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(d.adding(days: 40).description == "2027-01-01")
        #expect(LocalDate(year: 2024, month: 2, day: 28)!.adding(days: 1).description == "2024-02-29")
    }

    @Test func retentionDefaultsAndOverrides() {
        let incident = LocalDate(year: 2026, month: 1, day: 1)!
        #expect(RetentionPolicy().expiry(for: .nonPayment, incident: incident) == incident.adding(days: 1825))
        #expect(RetentionPolicy(days: [.other: 10]).expiry(for: .other, incident: incident) == incident.adding(days: 10))
    }

    @Test func categoriesAndStatusesParseByNameAndJapaneseLabel() {
        #expect(ReportCategory(name: "未払い") == .nonPayment)
        #expect(ReportCategory(name: "cod-refusal") == .codRefusal)
        #expect(ReportCategory(name: "nope") == nil)
        #expect(ReportStatus(name: "paid") == .paid)
        #expect(ReportStatus(name: "係争中") == .disputed)
    }

    @Test func validationRefusesBadReports() {
        let today = LocalDate(year: 2026, month: 11, day: 22)!
        let n = BlindingTests.identity()
        func report(amount: Int = 1000, order: LocalDate? = nil, incident: LocalDate = today) -> Report {
            Report(identity: Identity(phone: "x"), category: .nonPayment, amountYen: amount, orderDate: order,
                   incidentDate: incident, createdOn: today, expiresOn: incident.adding(days: 30))
        }
        #expect(throws: ReportValidationError.negativeAmount) { try report(amount: -1).validate(today: today, normalized: n) }
        #expect(throws: ReportValidationError.dateInFuture(field: "incident-date")) {
            try report(incident: today.adding(days: 1)).validate(today: today, normalized: n)
        }
        #expect(throws: ReportValidationError.datesOutOfOrder(earlier: "order-date", later: "incident-date")) {
            try report(order: today, incident: today.adding(days: -3)).validate(today: today, normalized: n)
        }
        #expect(throws: ReportValidationError.nothingToMatch) {
            try report().validate(today: today, normalized: NormalizedIdentity(name: "見本太郎"))
        }
        #expect(throws: Never.self) { try report().validate(today: today, normalized: n) }
    }

    @Test func languageFollowsLocaleVariables() {
        #expect(Language.from(environment: ["LANG": "ja_JP.UTF-8"]) == .ja)
        #expect(Language.from(environment: ["LC_ALL": "C", "LANG": "ja_JP.UTF-8"]) == .en)
        #expect(Language.from(environment: [:]) == .en)
    }
}

extension ModelTests {
    @Test func anUnsetLocaleNamesNoLanguage() {
        #expect(Language.named(in: [:]) == nil)
        #expect(Language.named(in: ["LANG": ""]) == nil)
        #expect(Language.named(in: ["LC_MESSAGES": "ja_JP.UTF-8"]) == .ja)
    }
}
