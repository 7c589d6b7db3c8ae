/// Two entries from one origin, both validly signed, that cannot both be in one log: the same seq
/// with different bytes, or an entry whose `previous` is not the hash of the held entry before it.
/// Anyone can check it with the origin's key alone.
public struct EquivocationProof: Sendable, Hashable {
    public let held: LogEntry
    public let conflicting: LogEntry

    public init?(held: LogEntry, conflicting: LogEntry) {
        guard held.origin == conflicting.origin, held != conflicting,
              held.hasValidSignature(), conflicting.hasValidSignature() else { return nil }
        let sameSeq = held.seq == conflicting.seq
        let forked = conflicting.seq == held.seq + 1 && conflicting.previous != held.hash
        guard sameSeq || forked else { return nil }
        self.held = held
        self.conflicting = conflicting
    }

    public var origin: NodeID { held.origin }
}
