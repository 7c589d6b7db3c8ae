import MibaraiCore

/// What another origin's log entry does to the blinded records, made ready to write (the row of a
/// published record is made here, off the writer's thread when many are applied at once).
enum RecordChange: Sendable {
    case publish(BlindedRow)
    /// The record's id and new status, and the name of the origin whose record it must be.
    case status(ReportID, ReportStatus, origin: String)
    case withdraw(ReportID, origin: String)

    /// nil for the operator's kinds, which change no record. `origin`: the entry's origin, by its
    /// member name.
    init?(_ body: LogBody, origin: String) {
        switch body {
        case .publish(let p): self = .publish(BlindedRow(p, origin: origin))
        case .status(let id, let status): self = .status(id, status, origin: origin)
        case .withdraw(let id): self = .withdraw(id, origin: origin)
        case .admit, .epochKey, .revoke, .suppress, .lift, .reviewRequest, .reviewAnswer, .sealedMessage, .policy, .quota, .usage: return nil
        }
    }
}
