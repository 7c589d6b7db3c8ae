/// An unpaid order the shop is chasing: who, what, and every dated step so far. The customer's
/// identity is raw personal data and stays on this node; everything derived (stage, amounts,
/// next step) is computed from the events, so the timeline is the single source of truth.
public struct DunningCase: Sendable, Hashable {
    /// The store's case number (0 until stored).
    public var number: Int
    public var identity: Identity
    public var order: CaseOrder
    public var openedOn: LocalDate
    /// The shop marked the case as deliberate (a false identity, goods resold): the police step
    /// becomes available. A returned letter marks it too.
    public var flaggedDeliberate: Bool
    /// The report published for this case, if any.
    public var reportID: ReportID?
    /// The timeline, oldest first; the first event is always `opened`.
    public private(set) var events: [CaseEvent]

    /// A new case; its timeline starts with `opened` on `openedOn`.
    public init(
        number: Int = 0, identity: Identity, order: CaseOrder, openedOn: LocalDate, flaggedDeliberate: Bool = false,
        reportID: ReportID? = nil, note: String? = nil
    ) {
        self.number = number
        self.identity = identity
        self.order = order
        self.openedOn = openedOn
        self.flaggedDeliberate = flaggedDeliberate
        self.reportID = reportID
        self.events = [CaseEvent(date: openedOn, kind: .opened, note: note)]
    }

    /// A case read back from storage, events as stored.
    public init(
        number: Int, identity: Identity, order: CaseOrder, openedOn: LocalDate, flaggedDeliberate: Bool,
        reportID: ReportID?, events: [CaseEvent]
    ) {
        self.number = number
        self.identity = identity
        self.order = order
        self.openedOn = openedOn
        self.flaggedDeliberate = flaggedDeliberate
        self.reportID = reportID
        self.events = events
    }

    /// Validates a new case before it is stored.
    public func validateOpening(today: LocalDate) throws(CaseError) {
        guard order.amountYen > 0 else { throw .amountNotPositive }
        guard order.amountYen <= Report.maximumAmountYen else { throw .amountTooLarge }
        guard openedOn <= today else { throw .dateInFuture }
        for date in [order.orderDate, order.shipDate, order.deliveredOn, order.refusedOn].compactMap({ $0 }) where date > today {
            throw .dateInFuture
        }
        if let o = order.orderDate {
            if openedOn < o { throw .beforeOrder }
            if let s = order.shipDate, s < o { throw .beforeOrder }
            if let d = order.dueDate, d < o { throw .beforeOrder }
            if let r = order.refusedOn, r < o { throw .beforeOrder }
            if let d = order.deliveredOn, d < o { throw .beforeOrder }
        }
        if let r = order.refusedOn {
            if order.deliveredOn != nil { throw .refusedAndDelivered }
            if let s = order.shipDate, r < s { throw .refusedBeforeShipping }
        }
    }

    /// Money received so far.
    public var paidYen: Int { events.reduce(0) { $0 + ($1.kind == .payment ? $1.amountYen ?? 0 : 0) } }

    /// What is still owed.
    public var outstandingYen: Int { max(0, order.amountYen - paidYen) }

    /// The highest rung taken so far (nil before the first contact).
    public var stage: DunningStage? { events.compactMap { $0.kind.isContact ? $0.stage : nil }.max() }

    /// How the case ended, if it has.
    public var outcome: CaseOutcome? { events.last(where: { $0.kind == .closed })?.outcome }

    public var isClosed: Bool { outcome != nil }

    public var closedOn: LocalDate? { events.last(where: { $0.kind == .closed })?.date }

    /// Deliberate: flagged by the shop, or a letter came back.
    public var isDeliberate: Bool { flaggedDeliberate || events.contains { $0.kind == .letterReturned } }

    /// A refused cash-on-delivery parcel: the goods came back and the claim is the shop's loss.
    public var isRefusedDelivery: Bool { order.refusedOn != nil }

    /// The police rung fits the case: it looks deliberate and the customer obtained the goods. A
    /// refused cash-on-delivery parcel came back, so nothing was obtained by deception (詐欺,
    /// 刑法246条1項, needs property handed over) and the claim stays civil.
    public var policeReportFits: Bool { isDeliberate && !isRefusedDelivery }

    /// The date payment was due: the order's, or the order date plus the payment term, or the
    /// opening date.
    public func dueDate(policy: DunningPolicy) -> LocalDate {
        order.dueDate ?? order.orderDate?.adding(days: policy.paymentTermDays) ?? openedOn
    }

    /// Appends an already validated event (used by `record` and `close`).
    mutating func append(_ event: CaseEvent) { events.append(event) }
}
