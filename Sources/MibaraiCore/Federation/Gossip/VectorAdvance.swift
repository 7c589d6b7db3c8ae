/// One step of a node's version vector: `origin`'s head went from `from` to `to` (several
/// consecutive entries of one origin stored in a row are one step). A node keeps its last few
/// (`FederationLog.recentAdvances`), so that in an exchange it can name the origins it changed
/// last and recognise a peer's vector as one of its own recent ones (`Protocol/federation.md`,
/// "Exchange", version 2).
public struct VectorAdvance: Sendable, Hashable {
    public var origin: NodeID
    public var from: UInt64
    public var to: UInt64

    public init(origin: NodeID, from: UInt64, to: UInt64) {
        self.origin = origin
        self.from = from
        self.to = to
    }
}
