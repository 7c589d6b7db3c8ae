import MibaraiCore
import MibaraiTestSupport
import Testing

/// A scenario walked up the ladder through `DunningCase.record`, as a shop would: each letter is
/// written on the day it is sent, from the case as it stood before it was logged; a report is
/// published on the first event after the firm notice's deadline; the court draft and the police
/// rung's memo are written when filed, or at the end; the evidence file at the end.
struct LadderWalk {
    /// One generated text and the facts of the case at the moment it was written.
    struct Text {
        var label: String
        var stage: DunningStage?
        /// A legal text (内容証明, court draft, police memo, 経緯書): no program name, no report.
        var legal: Bool
        /// Sent to the customer (the rungs' letters).
        var toCustomer: Bool
        var body: String
        var owed: Int
        var paid: Int
        var payments: [Int]
        /// Distinct days on which the shop made a demand (mail, letter, answered call) on the
        /// rungs below this text's own.
        var demandDays: Int
        /// Distinct days of every demand made before the day the text was written.
        var earlierDemandDays: Int
    }

    static let policy = DunningPolicy()
    static let today = DunningCaseTests.d("2026-12-20")
    static let shop = LetterAndEvidenceTests.shop

    var scenario: LadderScenario
    var finalCase: DunningCase
    var texts: [Text] = []
    var reportID: ReportID?
    /// Whether the schedule ever advised the police rung.
    var policeAdvised = false
    var formalDemands: [String] = []

    init(_ s: LadderScenario) throws {
        scenario = s
        var identity = Fixtures.canary
        if let address = s.address { identity.address = address }
        var c = DunningCase(
            number: 7, identity: identity, order: s.order, openedOn: DunningCaseTests.d("2026-10-18"),
            flaggedDeliberate: s.deliberate
        )
        try c.validateOpening(today: Self.today)
        finalCase = c
        let writer = LetterWriter(shop: Self.shop, policy: Self.policy)
        var written: Set<String> = []
        for e in s.events {
            if reportID == nil, let opens = c.reportOpensOn(policy: Self.policy), e.date >= opens, c.outstandingYen > 0 {
                _ = try c.reportToPublish(category: .nonPayment, policy: Self.policy, retention: RetentionPolicy(), today: e.date)
                let id = ReportID()
                try c.linkReport(id, on: e.date, today: Self.today)
                reportID = id
            }
            let stage: DunningStage? = switch e.kind {
            case .mailSent, .letterSent: e.stage
            case .courtFiling: .legalAction
            case .policeReport: .policeReport
            default: nil
            }
            // A letter and its e-mail copy on one day are one text.
            if let stage, written.insert("\(stage.name) \(e.date)").inserted {
                append(writer.letter(for: stage, case: c, today: e.date), c, label: "\(stage.name) \(e.date)", on: e.date)
            }
            _ = try c.record(e, today: Self.today, policy: Self.policy)
            if case .contact(.policeReport)? = c.nextStep(policy: Self.policy)?.advice { policeAdvised = true }
        }
        let end = s.events.last!.date
        for stage in [DunningStage.legalAction, .policeReport] where !texts.contains(where: { $0.stage == stage }) {
            append(writer.letter(for: stage, case: c, today: end), c, label: "\(stage.name) at the end", on: end)
        }
        let file = EvidenceFile(case: c, shop: Self.shop, policy: Self.policy, today: end)
        append(body: file.markdown, c, label: "経緯書 Markdown", stage: nil, legal: true, on: end)
        append(body: file.html, c, label: "経緯書 HTML", stage: nil, legal: true, on: end)
        finalCase = c
    }

    private mutating func append(_ letter: Letter, _ c: DunningCase, label: String, on day: LocalDate) {
        if letter.stage == .formalDemand { formalDemands.append(letter.body) }
        append(body: letter.text, c, label: label, stage: letter.stage, legal: letter.stage >= .formalDemand, on: day)
    }

    private mutating func append(body: String, _ c: DunningCase, label: String, stage: DunningStage?, legal: Bool, on day: LocalDate) {
        let below = stage ?? .policeReport
        let all = c.events.filter { [.mailSent, .letterSent, .callMade].contains($0.kind) }
        let demands = all.filter { ($0.stage ?? .inquiry) < below }
        texts.append(Text(
            label: label, stage: stage, legal: legal, toCustomer: stage.map { $0 <= .formalDemand } ?? false, body: body,
            owed: c.outstandingYen, paid: c.paidYen, payments: c.events.compactMap { $0.kind == .payment ? $0.amountYen : nil },
            demandDays: Set(demands.map(\.date)).count, earlierDemandDays: Set(all.filter { $0.date < day }.map(\.date)).count
        ))
    }
}
