/// One origin's head on the wire, the origin named by its member number: 0 for the operator, else
/// the seq of the operator's `admit` entry that admitted it. Every node holding that much of the
/// operator's log resolves the number the same way; a number it cannot resolve names an origin
/// whose entries it could not accept yet, and is skipped.
public struct NumberedHead: Sendable, Hashable {
    public var member: UInt64
    public var seq: UInt64

    public init(member: UInt64, seq: UInt64) {
        self.member = member
        self.seq = seq
    }
}
