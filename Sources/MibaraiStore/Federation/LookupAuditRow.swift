import MibaraiCore

/// One lookup a member asked of this hub (`lookup_audit`), or a shop's own record of one it asked
/// (`check_log`, where `member` is nil and `hits` is whether a hub answered).
public struct LookupAuditRow: Sendable, Equatable {
    public var at: Int64
    public var member: NodeID?
    public var identities: Int
    public var hits: Int
    public var purpose: String
    public var refused: Bool
    /// 16-byte order references, as sent.
    public var references: [[UInt8]]

    public init(at: Int64, member: NodeID?, identities: Int, hits: Int, purpose: String, refused: Bool, references: [[UInt8]]) {
        self.at = at
        self.member = member
        self.identities = identities
        self.hits = hits
        self.purpose = purpose
        self.refused = refused
        self.references = references
    }
}
