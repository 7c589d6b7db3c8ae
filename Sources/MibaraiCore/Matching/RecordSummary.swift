/// A blinded record as a lookup sees it: its header and which token types it carries, without
/// the token values. Header fields read through the summary (`summary.origin`).
@dynamicMemberLookup
public struct RecordSummary: Sendable, Hashable {
    public var header: RecordHeader
    public var tokenTypes: Set<TokenType>

    public init(header: RecordHeader, tokenTypes: Set<TokenType>) {
        self.header = header
        self.tokenTypes = tokenTypes
    }

    public init(_ record: BlindedRecord) {
        self.init(header: record.header, tokenTypes: record.tokenTypes)
    }

    public subscript<T>(dynamicMember field: KeyPath<RecordHeader, T>) -> T { header[keyPath: field] }
}
