/// A gossip message. Each has an explicit, append-only code (`GossipMessage.Code`); the framing
/// and payloads are in `GossipMessage+Encoding.swift` and `Protocol/federation.md`, "Messages".
public enum GossipMessage: Sendable, Hashable {
    /// First message each way on a connection: the protocol versions the sender speaks, the
    /// largest frame and the most entries per message it accepts, and where it listens.
    case hello(Hello)
    /// Opens an exchange: the initiator's root digest and how many entries it holds.
    case summary(root: [UInt8], entries: UInt64)
    /// The responder's answer to a `summary` with its own root: nothing to do.
    case inSync
    /// The responder's answer to a `summary` with another root: the first 2 bytes of each of its
    /// 64 bucket digests.
    case buckets([UInt16])
    /// The initiator's heads in the buckets that differ (bit `i` of the mask = bucket `i`), by
    /// member number, ascending, seqs 1 or more.
    case want(buckets: UInt64, heads: [NumberedHead])
    /// The responder's answer: its heads where it is behind the initiator in those buckets (seq 0
    /// when it holds nothing of the origin), and the entries the initiator lacks there.
    case delta(buckets: UInt64, behind: [NumberedHead], entries: [LogEntry])
    /// Entries sent unasked: the initiator's push-back at the end of an exchange, or a prompt push.
    case entries([LogEntry])
    /// Asks for some known peers.
    case getPeers
    case peers([PeerInfo])
    /// Two conflicting entries of one origin, passed on so every node stops accepting it.
    case equivocation(EquivocationProof)
    /// The detail byte depends on the code (for `refusedEntries`: a refusal code), else 0.
    case error(GossipErrorCode, detail: UInt8)
    /// Version 2's `summary`: also the initiator's current heads of the origins it advanced last
    /// (member-numbered, ascending, seqs 1 or more), so the responder can often tell exactly what
    /// differs and answer with a `delta` at once (`GossipSource.peerVector`).
    case hintedSummary(root: [UInt8], entries: UInt64, recent: [NumberedHead])

    public enum Code: UInt8, Sendable, Hashable, CaseIterable {
        case hello = 1
        case summary = 2
        case inSync = 3
        case buckets = 4
        case want = 5
        case delta = 6
        case entries = 7
        case getPeers = 8
        case peers = 9
        case equivocation = 10
        case error = 11
        /// Version 2 and later.
        case hintedSummary = 12
    }

    public struct Hello: Sendable, Hashable {
        public var minVersion: UInt8
        public var maxVersion: UInt8
        public var maxMessageBytes: UInt32
        public var maxEntriesPerMessage: UInt16
        public var listenAddress: String

        public init(minVersion: UInt8, maxVersion: UInt8, maxMessageBytes: UInt32, maxEntriesPerMessage: UInt16, listenAddress: String) {
            self.minVersion = minVersion
            self.maxVersion = maxVersion
            self.maxMessageBytes = maxMessageBytes
            self.maxEntriesPerMessage = maxEntriesPerMessage
            self.listenAddress = listenAddress
        }
    }

    public var code: Code {
        switch self {
        case .hello: .hello
        case .summary: .summary
        case .inSync: .inSync
        case .buckets: .buckets
        case .want: .want
        case .delta: .delta
        case .entries: .entries
        case .getPeers: .getPeers
        case .peers: .peers
        case .equivocation: .equivocation
        case .error: .error
        case .hintedSummary: .hintedSummary
        }
    }
}
