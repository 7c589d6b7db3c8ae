import MibaraiCore

/// A blinded record as its `blinded_record` row and `blinded_token` keys: everything a write needs,
/// made without the database, so a node applying many records can make the rows on every core
/// and only write them in order.
struct BlindedRow: Sendable, Equatable {
    var rowid: Int64
    var uid: [UInt8]
    var origin: String
    var epoch: Int64
    var category: Int64
    var amountYen: Int64
    var month: Int64
    var status: Int64
    var expiresDay: Int64
    /// Bit n-1 for each token type n present.
    var tokenTypes: Int64
    /// Every token value in full (16 bytes each), in type order.
    var tokens: [UInt8]
    /// The first 8 bytes of each token (signed big-endian): the lookup index keys.
    var keys: [Int64]

    init(_ r: BlindedRecord) {
        self.init(id: r.id, origin: r.origin, epoch: r.epoch, category: r.category, amountYen: r.amountYen,
                  month: Int64(AppDatabase.monthNumber(r.month)), status: r.status, expiresOn: r.expiresOn, tokens: r.tokens)
    }

    /// A published record under its origin's name: what `BlindedRow(p.record(origin:))` makes,
    /// without writing the month as `YYYY-MM` and reading it back (a decoded body's year is
    /// 1900...9999 and its month 1...12, so yyyymm is year * 100 + month).
    init(_ p: RecordPublication, origin: String) {
        self.init(id: p.id, origin: origin, epoch: p.epoch, category: p.category, amountYen: p.amountYen,
                  month: Int64(p.year * 100 + p.month), status: p.status, expiresOn: p.expiresOn, tokens: p.tokens)
    }

    private init(
        id: ReportID, origin: String, epoch: UInt32, category: ReportCategory, amountYen: Int, month: Int64,
        status: ReportStatus, expiresOn: LocalDate, tokens: [BlindToken]
    ) {
        let sorted = tokens.sorted { $0.type.rawValue < $1.type.rawValue }
        var blob: [UInt8] = []
        blob.reserveCapacity(sorted.count * 16)
        var mask: UInt8 = 0
        for t in sorted {
            withUnsafeBytes(of: t.value.high.bigEndian) { blob.append(contentsOf: $0) }
            withUnsafeBytes(of: t.value.low.bigEndian) { blob.append(contentsOf: $0) }
            mask |= t.type.bit
        }
        rowid = AppDatabase.rowid(id)
        uid = id.bytes
        self.origin = origin
        self.epoch = Int64(epoch)
        self.category = Int64(category.rawValue)
        self.amountYen = Int64(amountYen)
        self.month = month
        self.status = Int64(status.rawValue)
        expiresDay = Int64(expiresOn.daysSinceEpoch)
        tokenTypes = Int64(mask)
        self.tokens = blob
        keys = sorted.map { Int64(bitPattern: $0.value.high) }
    }
}
