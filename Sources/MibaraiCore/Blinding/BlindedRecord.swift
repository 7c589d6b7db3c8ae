/// What a report becomes outside its shop: its header (minimal metadata) and its tokens, no
/// personal data. Header fields read and write through the record (`record.status`).
@dynamicMemberLookup
public struct BlindedRecord: Sendable, Hashable {
    public var header: RecordHeader
    public var tokens: [BlindToken]

    public init(header: RecordHeader, tokens: [BlindToken]) {
        self.header = header
        self.tokens = tokens
    }

    public init(
        id: ReportID, origin: String, epoch: UInt32, category: ReportCategory, amountYen: Int,
        month: String, status: ReportStatus, expiresOn: LocalDate, tokens: [BlindToken]
    ) {
        self.init(
            header: RecordHeader(id: id, origin: origin, epoch: epoch, category: category, amountYen: amountYen,
                                 month: month, status: status, expiresOn: expiresOn),
            tokens: tokens
        )
    }

    /// The record a node publishes for one of its own reports.
    public init(report: Report, origin: String, normalized: NormalizedIdentity, blinder: Blinder) {
        self.init(
            id: report.id, origin: origin, epoch: blinder.epoch, category: report.category,
            amountYen: report.amountYen, month: report.incidentDate.monthString, status: report.status,
            expiresOn: report.expiresOn, tokens: blinder.tokens(for: normalized)
        )
    }

    public subscript<T>(dynamicMember field: WritableKeyPath<RecordHeader, T>) -> T {
        get { header[keyPath: field] }
        set { header[keyPath: field] = newValue }
    }

    public var tokenTypes: Set<TokenType> { Set(tokens.map(\.type)) }
}
