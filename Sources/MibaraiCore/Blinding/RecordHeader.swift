/// A blinded record's metadata: everything but its tokens. No personal data.
public struct RecordHeader: Sendable, Hashable {
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
    /// After this day every copy drops the record.
    public var expiresOn: LocalDate

    public init(
        id: ReportID, origin: String, epoch: UInt32, category: ReportCategory, amountYen: Int,
        month: String, status: ReportStatus, expiresOn: LocalDate
    ) {
        self.id = id
        self.origin = origin
        self.epoch = epoch
        self.category = category
        self.amountYen = amountYen
        self.month = month
        self.status = status
        self.expiresOn = expiresOn
    }
}
