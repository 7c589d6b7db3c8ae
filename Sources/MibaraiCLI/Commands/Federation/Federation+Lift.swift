import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation lift ID`: the operator lifts a suppression.
    struct Lift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "なりすまし被害の届出を取り消す / Lift a suppression: matches on its tokens count again.",
            discussion: """
            運営者の記録に取り消しを追記し、記録を --output に書きます。ノード (ハブ) で mibarai node operator-log として
            取り込むとゴシップで全ノードに届きます。
            Appends the lift to the operator's log and writes the log to --output; import it at a node (a hub) with
            mibarai node operator-log and the gossip carries it to every node.
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Argument(help: "届出の ID (mibarai federation suppress の出力) / The suppression's id (from mibarai federation suppress).") var id: String
        @Option(help: "運営者の記録の書き出し先 / Where to write the operator's log for the nodes.") var output: String

        func run() async throws {
            try await NodeError.guarded {
                guard let sid = SuppressionID(hex: id.trimmingCharacters(in: .whitespaces)) else {
                    throw NodeError.usage(ja: "届出の ID は 32 桁の16進数です。", en: "a suppression id is 32 hex digits.")
                }
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (_, log) = try files.updatingLog(output: output) { log in
                    guard log.suppressions[sid] != nil else {
                        throw log.usedSuppressionIDs.contains(sid)
                            ? NodeError.data(ja: "届出 \(sid) は取り消し済みです。", en: "suppression \(sid) is already lifted.")
                            : NodeError.data(ja: "運営者の記録に届出 \(sid) はありません。", en: "the operator's log has no suppression \(sid).")
                    }
                    try files.appendSigned(.lift(sid), to: &log)
                }
                if global.json {
                    struct Out: Encodable { var lifted: String; var inForce: Int; var output: String }
                    try global.console.emit(Out(lifted: sid.description, inForce: log.suppressions.count, output: output))
                } else {
                    global.console.say(
                        ja: "届出 \(sid) を取り消しました (有効な届出 \(log.suppressions.count) 件)。\(output) をノード (ハブ) で mibarai node operator-log として取り込んでください。",
                        en: "Lifted suppression \(sid) (\(log.suppressions.count) in force). Import \(output) at a node (a hub) with mibarai node operator-log."
                    )
                }
            }
        }
    }
}
