import MibaraiCore

/// A blinded record as its `blinded_record` row and `blinded_token` keys: everything a write needs,
/// made without the database, so a node applying many records can make the rows on every core
/// and only write them in order.
struct BlindedRow: Sendable {
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
        let sorted = r.tokens.sorted { $0.type.rawValue < $1.type.rawValue }
        var blob: [UInt8] = []
        blob.reserveCapacity(sorted.count * 16)
        var mask: UInt8 = 0
        for t in sorted {
            withUnsafeBytes(of: t.value.high.bigEndian) { blob.append(contentsOf: $0) }
            withUnsafeBytes(of: t.value.low.bigEndian) { blob.append(contentsOf: $0) }
            mask |= t.type.bit
        }
        rowid = AppDatabase.rowid(r.id)
        uid = r.id.bytes
        origin = r.origin
        epoch = Int64(r.epoch)
        category = Int64(r.category.rawValue)
        amountYen = Int64(r.amountYen)
        month = Int64(AppDatabase.monthNumber(r.month))
        status = Int64(r.status.rawValue)
        expiresDay = Int64(r.expiresOn.daysSinceEpoch)
        tokenTypes = Int64(mask)
        tokens = blob
        keys = sorted.map { Int64(bitPattern: $0.value.high) }
    }
}
