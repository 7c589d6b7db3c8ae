import Foundation
import MibaraiCore
import MibaraiNode

/// How every command that extends the operator's log runs (`revoke`, `suppress`, `lift`,
/// `policy`, `quota`, `epoch`): one place for the order that keeps the log whole.
extension OperatorFiles {
    /// Opens the operator's directory, takes its lock, reads and verifies the log, lets `change`
    /// sign onto it (`appendSigned`, `appendToLog`), then writes the update nodes import
    /// (`mibarai node operator-log`) to `output` — all under the lock, so two commands never sign
    /// the same seq. Returns what `change` returned and the log as it now stands.
    func updatingLog<T>(output: String, _ change: (inout FederationLog) throws -> T) throws -> (T, FederationLog) {
        let (authority, operatorKey) = try open()
        let lock = try lock()
        defer { lock.release() }
        var log = try log(operator: operatorKey)
        let result = try change(&log)
        try writeUpdate(federation: authority.name, log: log, to: output)
        return (result, log)
    }

    /// The member the operator's log admits under `name`.
    static func member(named name: String, in log: FederationLog) throws(NodeError) -> MemberAdmission {
        guard let member = log.members.values.first(where: { $0.name == name }) else {
            throw .data(ja: "運営者の記録に参加者「\(name)」はいません。", en: "the operator's log admits no member named \"\(name)\".")
        }
        return member
    }
}
