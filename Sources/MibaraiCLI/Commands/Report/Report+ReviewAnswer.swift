import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ReportCommand {
    /// `mibarai report review-answer REQUEST_ID REPORT_ID --keep --reason … | --corrected | --withdrawn`.
    struct ReviewAnswerCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review-answer",
            abstract: "確認依頼に回答する / Answer a review request for one of this shop's reports.",
            discussion: """
            --keep: 報告を維持する (--reason に理由。個人情報は書かないでください。請求者への回答書に載ります)。
            --corrected: report update で訂正したあとに。--withdrawn: report withdraw で取り下げたあとに。
            回答はゴシップで連合に公開されます (訂正・取下げの記録のあと)。
            --keep: the report stays (--reason says why, with no personal data: it goes into the letter to the
            person). --corrected: after correcting it with report update. --withdrawn: after report withdraw.
            The gossip publishes the answer, after the correction's or withdrawal's own entries.
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "依頼ID / The review request's id.") var request: String
        @Argument(help: "報告ID / The report's id.") var report: String
        @Flag(help: "報告を維持する / Keep the report.") var keep = false
        @Option(help: "維持する理由 (個人情報なし、200 バイトまで) / Why it is kept (no personal data, 200 bytes at most).") var reason: String?
        @Flag(help: "訂正済 / The report was corrected.") var corrected = false
        @Flag(help: "取下げ済 / The report was withdrawn.") var withdrawn = false

        func run() async throws {
            try await NodeError.guarded {
                let chosen: [(Bool, ReviewAnswerKind)] = [(keep, .kept), (corrected, .corrected), (withdrawn, .withdrawn)]
                let given = chosen.filter { $0.0 }.map { $0.1 }
                guard given.count == 1, let answer = given.first else {
                    throw NodeError.usage(ja: "--keep・--corrected・--withdrawn のいずれか一つを指定してください。", en: "give exactly one of --keep, --corrected, --withdrawn.")
                }
                guard answer == .kept || reason == nil else {
                    throw NodeError.usage(ja: "--reason は --keep と一緒に指定します。", en: "--reason goes with --keep.")
                }
                let (node, console) = try global.openNode()
                let item = try node.answerReview(request: request, report: report, answer: answer, reason: reason)
                if global.json {
                    struct Out: Encodable { var request: String; var publication: String; var answer: String }
                    try console.emit(Out(request: item.request.id.description, publication: item.publication.description, answer: answer.name))
                } else {
                    console.say(ja: "確認依頼 \(item.request.id) に「\(answer.label.ja)」と回答しました。ゴシップで公開されます。",
                                en: "Answered review request \(item.request.id): \(answer.label.en). The gossip publishes it.")
                }
            }
        }
    }
}
