import MibaraiCore
import MibaraiTestSupport
import Testing

/// The joint damage summary: a case's damage as a shop shares it (the first day each ladder stage
/// was reached, payments counted), and the summary of several shops with its totals, in Markdown
/// and printable HTML, without any customer value.
@Suite("Joint damage summary")
struct JointDamageTests {
    static func d(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

    static func workedCase() -> DunningCase {
        let rows: [CaseEvent] = [
            CaseEvent(seq: 1, date: d("2026-10-05"), kind: .opened),
            CaseEvent(seq: 2, date: d("2026-10-15"), kind: .mailSent, stage: .reminder),
            CaseEvent(seq: 3, date: d("2026-10-08"), kind: .mailSent, stage: .inquiry),
            CaseEvent(seq: 4, date: d("2026-10-22"), kind: .mailSent, stage: .reminder),
            CaseEvent(seq: 5, date: d("2026-10-25"), kind: .payment, amountYen: 3_000),
        ]
        return DunningCase(number: 4, identity: Fixtures.canary, order: CaseOrder(orderDate: d("2026-10-01"), amountYen: 12_800),
                           openedOn: d("2026-10-05"), flaggedDeliberate: false, reportID: nil, events: rows)
    }

    @Test func aCaseSharesItsAmountsAndTheFirstDayOfEachStage() {
        let shared = SharedDamage(case: Self.workedCase(), publication: ReportID(), category: .nonPayment, incident: nil)
        #expect(shared.amountYen == 12_800 && shared.paidYen == 3_000 && shared.outstandingYen == 9_800)
        #expect(shared.incident == Self.d("2026-10-01"), "the order's day when no report gives one")
        #expect(shared.steps == [.init(stage: .inquiry, day: Self.d("2026-10-08")), .init(stage: .reminder, day: Self.d("2026-10-15"))])
    }

    @Test func theSummaryTotalsEveryShopAndHoldsNoCustomerValue() {
        let own = SharedDamage(case: Self.workedCase(), publication: ReportID(), category: .nonPayment, incident: nil)
        let other = SharedDamage(publication: ReportID(), category: .codRefusal, amountYen: 4_400, incident: Self.d("2026-11-20"))
        let joint = JointDamage(caseNumber: 4, preparedOn: Self.d("2026-12-07"), shops: [
            .init(name: "神戸珈琲店", contact: "078-300-0000", damage: [own], isThisShop: true),
            .init(name: "大阪雑貨店", contact: "06-6000-0000", damage: [other], isThisShop: false),
        ])
        #expect(joint.totalYen == 17_200 && joint.outstandingYen == 14_200 && joint.reportCount == 2)
        #expect(joint.period.map { [$0.first, $0.last] } == [Self.d("2026-10-01"), Self.d("2026-11-20")])
        for text in [joint.markdown, joint.html] {
            #expect(text.contains("神戸珈琲店 (当店)") && text.contains("大阪雑貨店") && text.contains("¥17,200") && text.contains("¥14,200"))
            #expect(text.contains("#9110"))
            for value in [Fixtures.canary.name!, Fixtures.canary.phone!, Fixtures.canary.address!] { #expect(!text.contains(value)) }
        }
        // What another shop says of itself cannot break the table or add markup to the police's copy.
        var forged = joint
        forged.shops[1].name = "大阪|雑貨*店\n# 見出し"
        #expect(forged.markdown.contains("大阪\\|雑貨\\*店 \\# 見出し") && !forged.markdown.contains("\n# 見出し"))
        #expect(joint.html.hasPrefix("<!DOCTYPE html>") && joint.html.contains("size: A4 landscape") && !joint.html.contains("<script"))
    }
}
