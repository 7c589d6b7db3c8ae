/// What a log entry says. Codes are explicit and append-only: never renumber or reuse one.
/// Codes 1–63 are member kinds (any member's log); 64–127 are operator kinds (the operator's log only).
public enum LogEntryKind: UInt8, Sendable, Hashable, CaseIterable {
    /// A blinded record is published.
    case publish = 1
    /// A published record's status changes (open, paid, settled, disputed).
    case status = 2
    /// A published record is withdrawn: every copy stops matching it.
    case withdraw = 3
    /// The origin answers a review request for one of its records (version 3).
    case reviewAnswer = 4
    /// A message to one other member, sealed to its key: a contact request or an answer (version 4).
    case sealedMessage = 5
    /// A hub states how many identities each shop asked at it on one day (version 5).
    case usage = 6
    /// The operator admits a member: its signing key, HPKE key, role, name and region.
    case admit = 64
    /// The operator seals an epoch's blinding key to members (HPKE, one box per member).
    case epochKey = 65
    /// The operator revokes a member: its later entries are refused everywhere.
    case revoke = 66
    /// The operator suppresses an impersonation victim's tokens: matches on them never count
    /// (version 3).
    case suppress = 67
    /// The operator lifts a suppression (version 3).
    case lift = 68
    /// The operator asks records' origins to review them for a person's data-subject request
    /// (version 3).
    case reviewRequest = 69
    /// The operator states the federation's policy: which nodes replicate other origins' records
    /// (version 5).
    case policy = 70
    /// The operator sets one member's lookup quota instead of the policy's (version 5).
    case quota = 71

    public var isOperatorKind: Bool { rawValue >= 64 }
    /// `publish`, `status` and `withdraw`: the kinds that change a blinded record.
    public var changesRecord: Bool { self == .publish || self == .status || self == .withdraw }

    /// The protocol version that defined the kind: a node never sends an entry of this kind to a
    /// peer with which it agreed on a lower version (`Protocol/federation.md`, "Versions").
    public var sinceVersion: UInt8 {
        switch self {
        case .publish, .status, .withdraw, .admit, .epochKey, .revoke: 1
        case .suppress, .lift, .reviewAnswer, .reviewRequest: 3
        case .sealedMessage: 4
        case .policy, .quota, .usage: 5
        }
    }

    /// The kind's name in `Protocol/federation.md` and the vectors.
    public var name: String {
        switch self {
        case .publish: "publish"
        case .status: "status"
        case .withdraw: "withdraw"
        case .admit: "admit"
        case .epochKey: "epoch_key"
        case .revoke: "revoke"
        case .suppress: "suppress"
        case .lift: "lift"
        case .reviewAnswer: "review_answer"
        case .reviewRequest: "review_request"
        case .sealedMessage: "sealed_message"
        case .policy: "policy"
        case .quota: "quota"
        case .usage: "usage"
        }
    }
}
