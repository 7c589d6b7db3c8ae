/// A log entry's content, by kind.
public enum LogBody: Sendable, Hashable {
    case publish(RecordPublication)
    /// A status other than `withdrawn` (a withdrawal is its own kind).
    case status(ReportID, ReportStatus)
    case withdraw(ReportID)
    case admit(MemberAdmission)
    case epochKey(SealedEpochKey)
    case revoke(Revocation)
    case suppress(Suppression)
    case lift(SuppressionID)
    case reviewRequest(ReviewRequest)
    case reviewAnswer(ReviewAnswer)
    case sealedMessage(SealedMessage)
    case policy(FederationPolicy)
    case quota(QuotaOverride)
    case usage(HubUsage)

    public var kind: LogEntryKind {
        switch self {
        case .publish: .publish
        case .status: .status
        case .withdraw: .withdraw
        case .admit: .admit
        case .epochKey: .epochKey
        case .revoke: .revoke
        case .suppress: .suppress
        case .lift: .lift
        case .reviewRequest: .reviewRequest
        case .reviewAnswer: .reviewAnswer
        case .sealedMessage: .sealedMessage
        case .policy: .policy
        case .quota: .quota
        case .usage: .usage
        }
    }

    /// The report a member entry is about; nil for operator entries.
    public var reportID: ReportID? {
        switch self {
        case .publish(let p): p.id
        case .status(let id, _), .withdraw(let id): id
        default: nil
        }
    }
}
