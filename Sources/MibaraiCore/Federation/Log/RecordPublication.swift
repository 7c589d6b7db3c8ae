/// The body of a `publish` entry: a blinded record without its origin, which is the entry's.
public struct RecordPublication: Sendable, Hashable {
    public var id: ReportID
    public var epoch: UInt32
    public var category: ReportCategory
    public var amountYen: Int
    public var year: Int
    public var month: Int
    public var status: ReportStatus
    public var expiresOn: LocalDate
    public var tokens: [BlindToken]

    public init(
        id: ReportID, epoch: UInt32, category: ReportCategory, amountYen: Int, year: Int, month: Int,
        status: ReportStatus, expiresOn: LocalDate, tokens: [BlindToken]
    ) {
        self.id = id
        self.epoch = epoch
        self.category = category
        self.amountYen = amountYen
        self.year = year
        self.month = month
        self.status = status
        self.expiresOn = expiresOn
        self.tokens = tokens
    }

    /// Nil when the record's month is not `YYYY-MM`.
    public init?(record: BlindedRecord) {
        let parts = record.month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(id: record.id, epoch: record.epoch, category: record.category, amountYen: record.amountYen,
                  year: y, month: m, status: record.status, expiresOn: record.expiresOn, tokens: record.tokens)
    }

    /// The record as a node stores it, under the origin's admitted name.
    public func record(origin: String) -> BlindedRecord {
        let m = month < 10 ? "0\(month)" : "\(month)"
        return BlindedRecord(id: id, origin: origin, epoch: epoch, category: category, amountYen: amountYen,
                             month: "\(year)-\(m)", status: status, expiresOn: expiresOn, tokens: tokens)
    }
}
