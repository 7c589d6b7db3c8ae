/// What the gossip state machine reads from a node's verified log. `FederationLog` is one; a node
/// backed by SQLite provides its own.
public protocol GossipSource {
    var vector: VersionVector { get }
    /// `vector.totalEntries`, which a source may keep as it goes (read on every exchange).
    var totalEntries: UInt64 { get }
    /// The 64 bucket digests of `vector` (`VersionVector+Encoding`).
    var bucketDigests: [UInt64] { get }
    /// The root digest over `bucketDigests`.
    var rootDigest: [UInt8] { get }
    /// The origins of `vector` in one bucket, with their heads.
    func bucketVector(_ bucket: Int) -> VersionVector
    /// The vector's last steps, oldest first (a few; empty if the source keeps none). Version 2
    /// exchanges name them and try them (`peerVector(root:entries:recent:)`).
    var recentAdvances: [VectorAdvance] { get }
    /// Entries the peer lacks, for origins in the masked buckets: per origin oldest first and
    /// without gaps, the operator's log first, at most `limit` in all.
    func entries(missingFrom peer: VersionVector, buckets: UInt64, limit: Int) -> [LogEntry]
    /// The origin's member number (`NumberedHead`); nil if not admitted.
    func memberNumber(of origin: NodeID) -> UInt64?
    func member(number: UInt64) -> NodeID?
    /// The last seq of `origin`'s log a peer that agreed on `version` may be sent (its entries
    /// after that are of kinds the version lacks); nil when it may take all of it.
    func lastSendable(of origin: NodeID, toVersion version: UInt8) -> UInt64?
}

extension GossipSource {
    public func bucketVector(_ bucket: Int) -> VersionVector { vector.restricted(toBuckets: 1 << UInt64(bucket)) }
    public var recentAdvances: [VectorAdvance] { [] }
    public var totalEntries: UInt64 { vector.totalEntries }
    /// A source that holds only version-1 kinds.
    public func lastSendable(of origin: NodeID, toVersion version: UInt8) -> UInt64? { nil }
}
