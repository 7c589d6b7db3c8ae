import MibaraiCore

/// A case as `--json` prints it. The customer's identity is included only where asked
/// (`case show`), since it is the shop's own record.
struct CaseJSON: Encodable {
    struct Order: Encodable {
        var reference: String?
        var orderDate: String?
        var shipDate: String?
        var deliveredOn: String?
        var dueDate: String
        var carrier: String?
        var trackingNumber: String?
        var paymentMethod: String?
        var items: String?
        var amountYen: Int
        var refusedOn: String?
        var lossDetail: String?
    }

    struct Event: Encodable {
        var seq: Int
        var date: String
        var time: String?
        var kind: String
        var stage: String?
        var amountYen: Int?
        var promisedDate: String?
        var outcome: String?
        var note: String?
    }

    struct Step: Encodable {
        var advice: String
        var stage: String
        var due: String
        var isDue: Bool
        var daysOverdue: Int
        var reason: [String: String]
    }

    var number: Int
    var openedOn: String
    var state: String
    var outcome: String?
    var stage: String?
    var deliberate: Bool
    var paidYen: Int
    var outstandingYen: Int
    var order: Order
    var reportId: String?
    var offerReport: Bool
    var nextStep: Step?
    var customer: Identity?
    var events: [Event]?

    init(_ c: DunningCase, policy: DunningPolicy, today: LocalDate, withCustomer: Bool = false, withEvents: Bool = false) {
        number = c.number
        openedOn = c.openedOn.description
        state = c.isClosed ? "closed" : "open"
        outcome = c.outcome?.name
        stage = c.stage?.name
        deliberate = c.isDeliberate
        paidYen = c.paidYen
        outstandingYen = c.outstandingYen
        order = Order(
            reference: c.order.reference, orderDate: c.order.orderDate?.description, shipDate: c.order.shipDate?.description,
            deliveredOn: c.order.deliveredOn?.description,
            dueDate: c.dueDate(policy: policy).description, carrier: c.order.carrier, trackingNumber: c.order.trackingNumber,
            paymentMethod: c.order.paymentMethod, items: c.order.items, amountYen: c.order.amountYen,
            refusedOn: c.order.refusedOn?.description, lossDetail: c.order.lossDetail
        )
        reportId = c.reportID?.description
        offerReport = c.shouldOfferReport(policy: policy)
        nextStep = c.nextStep(policy: policy).map { Self.step($0, today: today) }
        customer = withCustomer ? c.identity : nil
        events = withEvents ? c.events.map {
            Event(
                seq: $0.seq, date: $0.date.description, time: $0.time?.description, kind: $0.kind.name, stage: $0.stage?.name, amountYen: $0.amountYen,
                promisedDate: $0.promisedDate?.description, outcome: $0.outcome?.name, note: $0.note
            )
        } : nil
    }

    static func step(_ s: NextStep, today: LocalDate) -> Step {
        let advice = switch s.advice {
        case .contact: "contact"
        case .followUp: "follow-up"
        case .considerWriteOff: "consider-write-off"
        }
        return Step(
            advice: advice, stage: s.stage.name, due: s.due.description, isDue: s.isDue(on: today),
            daysOverdue: s.daysOverdue(on: today), reason: ["ja": s.reason.ja, "en": s.reason.en]
        )
    }
}
