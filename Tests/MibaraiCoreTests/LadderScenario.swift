import MibaraiCore
import MibaraiTestSupport
import Testing

/// One invented case, walked up the ladder by `LadderWalk`: its order and the events the shop
/// records, in order, through `DunningCase.record`.
struct LadderScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var order: CaseOrder
    var address: String?
    var deliberate = false
    var events: [CaseEvent]
    /// The facts support a police report (goods obtained, intent suggested by the record).
    var supportsPolice: Bool
    /// Amounts a text may name besides the price, the payments and what is owed (a loss's parts).
    var otherAmounts: Set<Int> = []

    var testDescription: String { name }

    static func d(_ text: String) -> LocalDate { DunningCaseTests.d(text) }

    static func order(_ amount: Int, method: String, due: String? = nil) -> CaseOrder {
        CaseOrder(
            reference: "A-1001", orderDate: d("2026-10-01"), shipDate: d("2026-10-02"), dueDate: due.map(d),
            carrier: "ヤマト運輸", trackingNumber: "1234-5678-9012", paymentMethod: method, items: "珈琲豆 2kg", amountYen: amount,
            deliveredOn: d("2026-10-03")
        )
    }

    static func mail(_ day: String, _ stage: DunningStage) -> CaseEvent { CaseEvent(date: d(day), kind: .mailSent, stage: stage) }
    static func letter(_ day: String, _ stage: DunningStage) -> CaseEvent { CaseEvent(date: d(day), kind: .letterSent, stage: stage) }
    static func event(_ day: String, _ kind: CaseEventKind) -> CaseEvent { CaseEvent(date: d(day), kind: kind) }
    static func paid(_ day: String, _ yen: Int) -> CaseEvent { CaseEvent(date: d(day), kind: .payment, amountYen: yen) }
    static func promise(_ day: String, by: String) -> CaseEvent { CaseEvent(date: d(day), kind: .promiseToPay, promisedDate: d(by)) }

    /// The shop's usual climb: inquiry, two reminders, the firm notice on paper with its e-mail
    /// copy on the same day, the 内容証明.
    static let climb: [CaseEvent] = [
        mail("2026-10-18", .inquiry), mail("2026-10-25", .reminder), mail("2026-11-01", .reminder),
        letter("2026-11-08", .firmNotice), mail("2026-11-08", .firmNotice), letter("2026-11-20", .formalDemand),
    ]

    static let all: [LadderScenario] = [
        LadderScenario(
            name: "後払い unpaid, due date stated, filed in court",
            order: order(12_800, method: "後払い", due: "2026-10-15"),
            events: climb + [event("2026-12-10", .courtFiling)], supportsPolice: false
        ),
        LadderScenario(
            name: "後払い unpaid, no due date stated",
            order: order(12_800, method: "後払い"),
            events: climb, supportsPolice: false
        ),
        LadderScenario(
            name: "代引き refused (受取拒否), flagged deliberate",
            order: {
                var o = order(3_440, method: "代金引換")
                o.deliveredOn = nil
                o.refusedOn = d("2026-10-05")
                o.lossDetail = "往路送料 1,500円、返送料 1,500円、代金引換手数料 440円"
                return o
            }(),
            deliberate: true, events: climb, supportsPolice: false, otherAmounts: [1_500, 440]
        ),
        LadderScenario(
            name: "局留め, reply, promise and part payment",
            order: order(48_000, method: "後払い"), address: "岐阜県大垣市 大垣郵便局留め",
            events: [
                mail("2026-10-18", .inquiry), CaseEvent(date: d("2026-10-20"), kind: .reply, time: TimeOfDay(hour: 9, minute: 5)),
                promise("2026-10-20", by: "2026-10-31"),
                paid("2026-10-30", 8_000), mail("2026-11-05", .reminder), mail("2026-11-12", .reminder),
                letter("2026-11-19", .firmNotice), CaseEvent(date: d("2026-11-28"), kind: .noAnswer),
            ],
            supportsPolice: false
        ),
        LadderScenario(
            name: "part payment after the first reminder",
            order: order(12_800, method: "銀行振込"),
            events: [
                mail("2026-10-18", .inquiry), mail("2026-10-25", .reminder), paid("2026-10-26", 2_800),
                mail("2026-11-01", .reminder), letter("2026-11-08", .firmNotice), letter("2026-11-20", .formalDemand),
                event("2026-12-10", .courtFiling),
            ],
            supportsPolice: false
        ),
        LadderScenario(
            name: "broken promise, a call and a mail on one day",
            order: order(12_800, method: "後払い"),
            events: [
                mail("2026-10-18", .inquiry), promise("2026-10-20", by: "2026-10-31"),
                CaseEvent(date: d("2026-11-03"), kind: .callMade, stage: .reminder, time: TimeOfDay(hour: 18, minute: 30)),
                mail("2026-11-03", .reminder),
                CaseEvent(date: d("2026-11-09"), kind: .noAnswer), mail("2026-11-10", .reminder),
                letter("2026-11-17", .firmNotice), letter("2026-11-27", .formalDemand), event("2026-12-11", .courtFiling),
            ],
            supportsPolice: false
        ),
        LadderScenario(
            name: "returned 内容証明, then the police",
            order: order(12_800, method: "後払い"),
            events: climb + [
                CaseEvent(date: d("2026-11-28"), kind: .letterReturned, note: "受取拒否"), event("2026-12-12", .policeReport),
            ],
            supportsPolice: true
        ),
        LadderScenario(
            name: "flagged deliberate, filed in court and with the police",
            order: order(30_000, method: "後払い"), deliberate: true,
            events: [
                mail("2026-10-18", .inquiry), CaseEvent(date: d("2026-10-25"), kind: .noAnswer), mail("2026-10-25", .reminder),
                mail("2026-11-01", .reminder), letter("2026-11-08", .firmNotice), letter("2026-11-20", .formalDemand),
                event("2026-12-10", .courtFiling), event("2026-12-15", .policeReport),
            ],
            supportsPolice: true
        ),
    ]
}
