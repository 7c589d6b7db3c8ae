/// The body of a `revoke` entry. Entries of the member with seq up to `lastValidSeq` stay valid
/// (0: none do); later ones are refused by every node, whatever order it learnt things in.
public struct Revocation: Sendable, Hashable {
    public var member: NodeID
    public var reason: RevocationReason
    public var lastValidSeq: UInt64

    public init(member: NodeID, reason: RevocationReason, lastValidSeq: UInt64) {
        self.member = member
        self.reason = reason
        self.lastValidSeq = lastValidSeq
    }
}
