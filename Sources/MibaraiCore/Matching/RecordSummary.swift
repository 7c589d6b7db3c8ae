/// A blinded record as a lookup sees it: its metadata and which token types it carries, without
/// the token values.
public struct RecordSummary: Sendable, Hashable {
    public var id: ReportID
    public var origin: String
    public var epoch: UInt32
    public var category: ReportCategory
    public var amountYen: Int
    public var month: String
    public var status: ReportStatus
    public var expiresOn: LocalDate
    public var tokenTypes: Set<TokenType>

    public init(
        id: ReportID, origin: String, epoch: UInt32, category: ReportCategory, amountYen: Int,
        month: String, status: ReportStatus, expiresOn: LocalDate, tokenTypes: Set<TokenType>
    ) {
        self.id = id
        self.origin = origin
        self.epoch = epoch
        self.category = category
        self.amountYen = amountYen
        self.month = month
        self.status = status
        self.expiresOn = expiresOn
        self.tokenTypes = tokenTypes
    }

    public init(_ record: BlindedRecord) {
        self.init(
            id: record.id, origin: record.origin, epoch: record.epoch, category: record.category,
            amountYen: record.amountYen, month: record.month, status: record.status,
            expiresOn: record.expiresOn, tokenTypes: record.tokenTypes
        )
    }
}
