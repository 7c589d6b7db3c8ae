import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ReportCommand {
    /// `mibarai report withdraw ID`: the report stays in the shop's history but no longer matches.
    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "報告を取り下げる (照合されなくなる) / Withdraw a report: it no longer matches anywhere."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "報告ID / Report id.") var id: String
        @Option(help: "理由 (自店のみ) / Reason (kept on this node only).") var reason: String?

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let r = try node.withdrawReport(id, reason: reason)
                if global.json {
                    try console.emit(ReportJSON(r))
                } else {
                    console.say(ja: "報告 \(r.id) を取り下げました。", en: "Withdrew report \(r.id).")
                }
            }
        }
    }
}
