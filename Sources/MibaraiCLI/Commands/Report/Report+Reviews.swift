import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ReportCommand {
    /// `mibarai report reviews`: the operator's review requests naming this shop's reports.
    struct Reviews: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "運営者からの確認依頼 (本人からの開示・訂正・利用停止の請求) を一覧する / List the operator's review requests (a person's disclosure, correction or stop-of-use request) naming this shop's reports.",
            discussion: """
            依頼には請求者の情報は含まれません。自店の報告を確認し、期限までに report review-answer で回答してください。
            期限を過ぎて回答のない記録は、連合のすべてのノードで「係争中」として扱われ、判断に用いられません。
            A request holds nothing of the person. Review the report and answer with report review-answer by the
            deadline: a record unanswered past it is taken as disputed at every node and stops counting.
            """
        )

        @OptionGroup var global: GlobalOptions

        struct Row: Encodable {
            var request: String
            var kind: String
            var deadline: String
            var report: String?
            var category: String?
            var amountYen: Int?
            var status: String?
            var answer: String?
            var answerSigned: Bool
            var standing: String
        }

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let items = try node.reviews()
                if global.json {
                    for i in items {
                        try console.emit(Row(request: i.request.id.description, kind: i.request.kind.name, deadline: i.request.deadline.description,
                                             report: i.report?.id.description, category: i.report?.category.name, amountYen: i.report?.amountYen,
                                             status: i.report?.status.name, answer: i.answer?.answer.name, answerSigned: i.answerSigned,
                                             standing: Mibarai.FederationCommand.SubjectRequests.name(i.standing)))
                    }
                    return
                }
                if items.isEmpty {
                    console.say(ja: "確認依頼はありません。", en: "No review request.")
                    return
                }
                for i in items {
                    let state: Localized
                    if let a = i.answer {
                        state = Localized(ja: "回答: \(a.answer.label.ja)\(i.answerSigned ? "" : " (送信待ち)")",
                                          en: "answered: \(a.answer.label.en)\(i.answerSigned ? "" : " (to be sent)")")
                    } else if case .overdue = i.standing {
                        state = Localized(ja: "期限切れ・未回答: 連合では係争中として扱われています", en: "overdue, unanswered: taken as disputed across the federation")
                    } else {
                        state = Localized(ja: "未回答", en: "not answered")
                    }
                    console.say(ja: "依頼 \(i.request.id)  \(i.request.kind.label.ja)の請求  回答期限 \(i.request.deadline)  \(state.ja)",
                                en: "Request \(i.request.id)  \(i.request.kind.label.en) request  deadline \(i.request.deadline)  \(state.en)")
                    if let r = i.report {
                        console.say(ja: "  報告 \(r.id)  \(r.category.label.ja)  \(LookupResult.yen(r.amountYen))  発生 \(r.incidentDate)  \(r.status.label.ja)",
                                    en: "  report \(r.id)  \(r.category.label.en)  \(LookupResult.yen(r.amountYen))  incident \(r.incidentDate)  \(r.status.label.en)")
                    } else {
                        console.say(ja: "  公開ID \(i.publication) (このノードに報告がありません)", en: "  publication \(i.publication) (no report on this node)")
                    }
                }
                console.say(ja: "回答: mibarai report review-answer 依頼ID 報告ID --keep --reason 理由 | --corrected | --withdrawn",
                            en: "Answer: mibarai report review-answer REQUEST_ID REPORT_ID --keep --reason REASON | --corrected | --withdrawn")
            }
        }
    }
}
