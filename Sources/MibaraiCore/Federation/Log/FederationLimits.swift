/// The size caps of `Protocol/federation.md`. A node refuses anything larger before it reads further.
public struct FederationLimits: Sendable, Hashable {
    /// One encoded log entry, signature included.
    public var maxEntryBytes: Int
    /// Tokens in one published record.
    public var maxRecordTokens: Int
    /// Member boxes in one `epoch_key` entry.
    public var maxEpochKeyBoxes: Int
    /// One gossip frame, length prefix excluded.
    public var maxMessageBytes: Int
    /// Log entries in one gossip message (and so in one exchange step).
    public var maxEntriesPerMessage: Int
    /// Peers in one peer-exchange answer.
    public var maxPeersPerMessage: Int

    public init(
        maxEntryBytes: Int = 65_536, maxRecordTokens: Int = 32, maxEpochKeyBoxes: Int = 512,
        maxMessageBytes: Int = 4_194_304, maxEntriesPerMessage: Int = 1_024, maxPeersPerMessage: Int = 64
    ) {
        self.maxEntryBytes = maxEntryBytes
        self.maxRecordTokens = maxRecordTokens
        self.maxEpochKeyBoxes = maxEpochKeyBoxes
        self.maxMessageBytes = maxMessageBytes
        self.maxEntriesPerMessage = maxEntriesPerMessage
        self.maxPeersPerMessage = maxPeersPerMessage
    }

    /// The protocol's defaults: what every version-1 node accepts at least.
    public static let standard = FederationLimits()
}
