import Crypto

/// A node's verified copy of every origin's log: the operator's and each member's. Entries go in
/// only through `append`, which checks them in order (`FederationLog+Append.swift`); anything
/// refused leaves the log exactly as it was.
///
/// Pure. Without an archive everything is in memory (tests, the simulator, a command reading the
/// operator's log). With one (`LogArchive`, the node's file) only what the rules need stays in
/// memory, and entries only until the caller says they are written (`archived(_:)`): what grows
/// with the records held is read back from the archive when asked for
/// (`FederationLog+Archive.swift`). Copies share storage until changed.
public struct FederationLog: Sendable {
    /// The operator's key: the root of trust, configured, never learnt from the network.
    public let operatorID: NodeID
    public let limits: FederationLimits
    /// Where written entries are read back; nil: every entry stays in `chains`.
    public let archive: (any LogArchive)?

    /// Per origin, the entries held in memory: all of them without an archive; with one, those
    /// after `chainBase` (the last one always). Index `seq - 1 - chainBase[origin]`.
    var chains: [NodeID: [LogEntry]] = [:]
    /// Per origin, how many of its first entries are in the archive only.
    var chainBase: [NodeID: UInt64] = [:]
    /// With an archive: per origin, the entries appended and not yet written (`archived(_:)`),
    /// seq → hash (a write of another entry at the same seq does not count).
    var unarchived: [NodeID: [UInt64: EntryHash]] = [:]
    /// With an archive: the statuses that entries not yet written gave records, and their seqs.
    var pendingStatuses: [RecordKey: (status: ReportStatus, seq: UInt64)] = [:]
    /// With an archive, during one `append(contentsOf:)`: the statuses the archive gave, read
    /// for the whole batch at once (nil inside: never published).
    var prefetchedStatuses: [RecordKey: ReportStatus?] = [:]
    /// With an archive, during one `append(contentsOf:)`: held entries the batch replays, read
    /// per origin at once.
    var prefetchedEntries: [NodeID: [UInt64: LogEntry]] = [:]
    var keys: [NodeID: Curve25519.Signing.PublicKey] = [:]
    public internal(set) var members: [NodeID: MemberAdmission] = [:]
    /// Member numbers: 0 for the operator, else the seq of the member's first admission.
    var memberNumbers: [NodeID: UInt64] = [:]
    var numberedMembers: [UInt64: NodeID] = [:]
    public internal(set) var revocations: [NodeID: Revocation] = [:]
    public internal(set) var equivocations: [NodeID: EquivocationProof] = [:]
    /// Every record published, by origin and id, with its latest status (`withdrawn` once withdrawn).
    /// Without an archive only: a log with one reads statuses back (`recordStatus(of:)`).
    public internal(set) var records: [RecordKey: BlindedRecord] = [:]
    /// The operator's `epoch_key` entries, in log order.
    public internal(set) var sealedEpochKeys: [SealedEpochKey] = []
    /// The epochs the operator's `epoch_key` entries name.
    public internal(set) var sealedEpochs: Set<UInt32> = []
    /// Suppressions in force (`suppress` entries not lifted), by id.
    public internal(set) var suppressions: [SuppressionID: Suppression] = [:]
    /// Every suppression id the operator's log has used, lifted ones included: never used again.
    public internal(set) var usedSuppressionIDs: Set<SuppressionID> = []
    /// The operator's review requests, by id (`review_request`; never withdrawn).
    public internal(set) var reviewRequests: [ReviewRequestID: ReviewRequest] = [:]
    /// Each origin's answers to review requests, by request and publication id (`review_answer`).
    public internal(set) var reviewAnswers: [NodeID: [ReviewAnswerKey: ReviewAnswer]] = [:]
    /// Each origin's sealed messages: id → recipient (`sealed_message`; the content stays sealed).
    public internal(set) var sealedMessages: [NodeID: [SealedMessageID: NodeID]] = [:]
    /// The federation's policy: the operator's latest `policy` entry, or the defaults.
    public internal(set) var policy = FederationPolicy.defaults
    /// The operator's `quota` entries: per member, the latest.
    public internal(set) var quotaOverrides: [NodeID: LookupQuota] = [:]
    /// Per origin, where its log first needs a newer protocol version: the seq of its first
    /// entry of a kind defined after version 1, then of the first of a kind defined after that
    /// one's version, and so on (ascending in both). A peer that agreed on version v takes an
    /// origin's entries only before its first step above v (`lastSendable(of:toVersion:)`).
    var versionSteps: [NodeID: [(seq: UInt64, version: UInt8)]] = [:]
    public internal(set) var vector = VersionVector()
    /// `vector.totalEntries`, kept as entries go in.
    public internal(set) var totalEntries: UInt64 = 0
    /// `vector` split by bucket, so a digest is recomputed from its bucket alone.
    var bucketVectors = [VersionVector](repeating: VersionVector(), count: VersionVector.bucketCount)
    public internal(set) var bucketDigests: [UInt64]
    public internal(set) var rootDigest: [UInt8]
    /// The vector's last steps, oldest first, at most `recentAdvanceLimit`
    /// (`noteAdvance(of:to:)`). Read by the gossip's version 2 exchange.
    public internal(set) var recentAdvances: [VectorAdvance] = []
    /// Steps kept in `recentAdvances`: how far back a peer's vector is recognised.
    public static let recentAdvanceLimit = 8
    /// Ed25519 checks `append` has made (step 8 and conflicts; a run's last entry stands for the
    /// run, `FederationLog+Append.swift`). Counted so tests can tell how many were needed.
    public internal(set) var signatureChecks = 0

    public init(operator op: NodeID, limits: FederationLimits = .standard, archive: (any LogArchive)? = nil) {
        operatorID = op
        self.limits = limits
        self.archive = archive
        memberNumbers[op] = 0
        numberedMembers[0] = op
        bucketDigests = VersionVector().bucketDigests
        rootDigest = VersionVector.rootDigest(buckets: bucketDigests)
    }

    /// The origin's entries, oldest first (with an archive, as many as it could read back).
    public func entries(of origin: NodeID) -> [LogEntry] {
        (try? heldEntries(of: origin, from: 1, through: vector[origin])) ?? []
    }

    public func entry(origin: NodeID, seq: UInt64) -> LogEntry? {
        (try? heldEntries(of: origin, from: seq, through: seq))?.first
    }

    /// The hash a new entry of `origin` must name as `previous`.
    public func headHash(of origin: NodeID) -> EntryHash { chains[origin]?.last?.hash ?? .zero }

    /// Entries held, all origins.
    public var entryCount: Int { Int(totalEntries) }

    /// Records that still match on `day`: not withdrawn, not expired (without an archive).
    public func liveRecords(on day: LocalDate) -> [BlindedRecord] {
        records.values.filter { $0.status != .withdrawn && $0.expiresOn >= day }
    }

    /// The last seq of `origin`'s log a peer that agreed on `version` may be sent: the entry
    /// before its first of a kind that version lacks (0: none); nil when it may take all.
    public func lastSendable(of origin: NodeID, toVersion version: UInt8) -> UInt64? {
        versionSteps[origin]?.first { $0.version > version }.map { $0.seq - 1 }
    }

    /// Where a record stands against the review requests naming it on `day` (`ReviewStanding`).
    public func reviewStanding(of record: RecordKey, on day: LocalDate) -> ReviewStanding {
        let answered = Set((reviewAnswers[record.origin] ?? [:]).keys)
        return ReviewStanding.of(record, requests: Array(reviewRequests.values), answered: answered, on: day)
    }

    /// A member's lookup quota: its override, else the policy's.
    public func lookupQuota(of member: NodeID) -> LookupQuota { quotaOverrides[member] ?? policy.lookupQuota }

    /// A member's admitted name, used as its records' origin.
    public func name(of origin: NodeID) -> String { members[origin]?.name ?? origin.short }
}

extension FederationLog: GossipSource {
    public func memberNumber(of origin: NodeID) -> UInt64? { memberNumbers[origin] }
    public func bucketVector(_ bucket: Int) -> VersionVector { bucketVectors[bucket] }
    public func member(number: UInt64) -> NodeID? { numberedMembers[number] }

    public func entries(missingFrom peer: VersionVector, buckets: UInt64, limit: Int) -> [LogEntry] {
        var out: [LogEntry] = []
        var mine = VersionVector()
        if buckets == .max {
            mine = vector
        } else {
            for b in 0..<VersionVector.bucketCount where buckets & (1 << UInt64(b)) != 0 {
                for (o, s) in bucketVectors[b].heads { mine[o] = s }
            }
        }
        var gaps = mine.missing(in: peer)
        if let i = gaps.firstIndex(where: { $0.origin == operatorID }) { gaps.insert(gaps.remove(at: i), at: 0) }
        for gap in gaps {
            guard out.count < limit else { break }
            let upTo = min(gap.through, gap.from + UInt64(limit - out.count) - 1)
            // Per origin without gaps: an archive that reads back fewer ends the answer there.
            guard let held = try? heldEntries(of: gap.origin, from: gap.from, through: upTo) else { break }
            out.append(contentsOf: held)
            guard held.count == Int(upTo - gap.from + 1) else { break }
        }
        return out
    }
}
