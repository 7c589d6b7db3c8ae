import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiNode

extension Mibarai.NodeCommand {
    /// `mibarai node operator-log FILE`.
    struct OperatorLog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "operator-log",
            abstract: "運営者の記録 (失効など) を取り込む / Import the operator's log (revocations and more) for the gossip to carry."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "mibarai federation revoke の出力 / The file from mibarai federation revoke.") var file: String

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let (_, info) = try NodeMembershipFiles(directory: node.directory.url).member()
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw NodeError.noInput(ja: "ファイルを読めません: \(file)", en: "cannot read \(file)")
                }
                let update: OperatorLogUpdate
                do { update = try OperatorFiles.decoder().decode(OperatorLogUpdate.self, from: data) } catch {
                    throw NodeError.data(ja: "運営者の記録ファイルではありません: \(file)", en: "\(file) is not an operator log file")
                }
                guard update.version == 1, let op = NodeID(hex: update.operatorKey), update.operatorKey == info.operatorKey else {
                    throw NodeError.data(ja: "このファイルは、参加中の連合の運営者のものではありません。", en: "this file is not from the operator of the federation this node belongs to.")
                }
                // Verified here from its first entry, so a broken file is refused before the node sees it.
                let (log, entries) = try OperatorLogUpdate.verified(update.operatorLog, operator: op)
                try node.enqueueLogEntries(entries)
                let revoked = log.revocations.keys.map { log.name(of: $0) }.sorted()
                let suppressions = log.suppressions.count
                if global.json {
                    struct Out: Encodable { var entries: Int; var revoked: [String]; var suppressionsInForce: Int }
                    try console.emit(Out(entries: entries.count, revoked: revoked, suppressionsInForce: suppressions))
                } else {
                    console.say(
                        ja: "運営者の記録 \(entries.count) 件を取り込みました (失効: \(revoked.isEmpty ? "なし" : revoked.joined(separator: ", "))、なりすまし被害の届出: \(suppressions) 件)。実行中の mibarai serve が検証して広めます。",
                        en: "Imported \(entries.count) operator log entries (revoked: \(revoked.isEmpty ? "none" : revoked.joined(separator: ", ")); impersonation suppressions in force: \(suppressions)); the running mibarai serve verifies and spreads them."
                    )
                }
            }
        }
    }
}
