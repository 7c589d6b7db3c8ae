import Foundation
import MibaraiCore
import MibaraiNode

extension OperatorLogUpdate {
    /// An operator's log as base64 entries (a join bundle's `operator_log` or this file's),
    /// verified from its first entry. Returns the log and the entries' bytes, oldest first.
    static func verified(_ lines: [String], operator op: NodeID) throws(NodeError) -> (log: FederationLog, entries: [[UInt8]]) {
        var log = FederationLog(operator: op)
        var entries: [[UInt8]] = []
        for line in lines {
            guard let bytes = Data(base64Encoded: line).map(Array.init) else {
                throw .data(ja: "運営者の記録が不正です。", en: "the operator's log is malformed.")
            }
            do throws(EntryRefusal) { _ = try log.append(encoded: bytes) } catch {
                throw .data(ja: "運営者の記録が検証できません (\(error.name))。", en: "the operator's log does not verify (\(error.name)).")
            }
            entries.append(bytes)
        }
        return (log, entries)
    }

    /// The operator's whole log as an update file, for `mibarai node operator-log`.
    init(federation: String, log: FederationLog) {
        self.init(federation: federation, operatorKey: log.operatorID.description,
                  operatorLog: log.entries(of: log.operatorID).map { Data($0.encoded).base64EncodedString() })
    }
}
