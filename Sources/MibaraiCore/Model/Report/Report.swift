/// A shop's own report of a customer: the raw identity (never leaves the node) and what happened.
public struct Report: Sendable, Hashable, Codable {
    public var id: ReportID
    public var identity: Identity
    public var category: ReportCategory
    /// The loss in yen (0 when there is none, e.g. a refused parcel whose goods came back).
    public var amountYen: Int
    /// The shop's own order number.
    public var orderReference: String?
    public var orderDate: LocalDate?
    public var shipDate: LocalDate?
    /// When the loss happened (payment due date, refusal, chargeback notice).
    public var incidentDate: LocalDate
    public var status: ReportStatus
    public var notes: String?
    public var createdOn: LocalDate
    /// After this day the report no longer matches and is purged everywhere.
    public var expiresOn: LocalDate

    public init(
        id: ReportID = ReportID(), identity: Identity, category: ReportCategory, amountYen: Int,
        orderReference: String? = nil, orderDate: LocalDate? = nil, shipDate: LocalDate? = nil,
        incidentDate: LocalDate, status: ReportStatus = .open, notes: String? = nil,
        createdOn: LocalDate, expiresOn: LocalDate
    ) {
        self.id = id
        self.identity = identity
        self.category = category
        self.amountYen = amountYen
        self.orderReference = orderReference
        self.orderDate = orderDate
        self.shipDate = shipDate
        self.incidentDate = incidentDate
        self.status = status
        self.notes = notes
        self.createdOn = createdOn
        self.expiresOn = expiresOn
    }
}
