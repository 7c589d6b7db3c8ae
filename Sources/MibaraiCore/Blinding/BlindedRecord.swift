/// What a report becomes outside its shop: tokens and minimal metadata, no personal data.
public struct BlindedRecord: Sendable, Hashable {
    /// The report's id: a status change or withdrawal names it.
    public var id: ReportID
    /// The node that published it.
    public var origin: String
    public var epoch: UInt32
    public var category: ReportCategory
    public var amountYen: Int
    /// Month of the incident, `YYYY-MM`: no finer date leaves the node.
    public var month: String
    public var status: ReportStatus
    public var expiresOn: LocalDate
    public var tokens: [BlindToken]

    public init(
        id: ReportID, origin: String, epoch: UInt32, category: ReportCategory, amountYen: Int,
        month: String, status: ReportStatus, expiresOn: LocalDate, tokens: [BlindToken]
    ) {
        self.id = id
        self.origin = origin
        self.epoch = epoch
        self.category = category
        self.amountYen = amountYen
        self.month = month
        self.status = status
        self.expiresOn = expiresOn
        self.tokens = tokens
    }

    /// The record a node publishes for one of its own reports.
    public init(report: Report, origin: String, normalized: NormalizedIdentity, blinder: Blinder) {
        self.init(
            id: report.id, origin: origin, epoch: blinder.epoch, category: report.category,
            amountYen: report.amountYen, month: report.incidentDate.monthString, status: report.status,
            expiresOn: report.expiresOn, tokens: blinder.tokens(for: normalized)
        )
    }

    public var tokenTypes: Set<TokenType> { Set(tokens.map(\.type)) }
}
