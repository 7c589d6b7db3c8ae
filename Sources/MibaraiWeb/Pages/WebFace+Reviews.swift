import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode

extension WebFace {
    /// The operator's review requests (開示・訂正・利用停止) naming this shop's reports: listed on the
    /// home page and on each report's page, answered there (kept with a reason, corrected,
    /// withdrawn) through the node's `answerReview`, as `report review-answer` does.
    func addReviews(to pages: RouterGroup<BasicRequestContext>) {
        pages.post("/reports/:id/reviews/:request") { request, context -> Response in
            try await self.posted(request) { s, form in
                let id = context.parameters.get("id") ?? ""
                let requestID = context.parameters.get("request") ?? ""
                let node = self.today
                do throws(NodeError) {
                    guard let answer = form["answer"].flatMap({ name in ReviewAnswerKind.allCases.first { $0.name == name } }) else {
                        throw NodeError.data(ja: "回答を選んでください。", en: "choose an answer.")
                    }
                    let reason = form["reason"]
                    _ = try await self.offloaded { () throws(NodeError) in
                        try node.answerReview(request: requestID, report: id, answer: answer, reason: reason)
                    }
                    return self.redirect("/reports/\(id)?done=answered")
                } catch {
                    return await self.reportPage(id, s, error: self.message(error, s))
                }
            }
        }
    }

    /// The review items as the pages show them, `only` one report's when given.
    static func reviewRows(_ items: [Node.ReviewItem], _ lang: Language, today: LocalDate, only report: ReportID? = nil) -> [[String: Any]] {
        items.filter { report == nil || $0.report?.id == report }.map { item -> [String: Any] in
            let overdue = item.answer == nil && item.request.deadline < today
            var row: [String: Any] = [
                "request": item.request.id.description, "kind": item.request.kind.label.text(lang),
                "deadline": item.request.deadline.description, "overdue": overdue,
                "reportID": item.report?.id.description ?? "", "hasReport": item.report != nil,
                "answered": item.answer != nil, "answer": item.answer?.answer.label.text(lang) ?? "",
                "reason": item.answer?.reason ?? "",
                "answers": ReviewAnswerKind.allCases.map { ["value": $0.name, "label": $0.label.text(lang)] },
            ]
            if item.answer != nil, !item.answerSigned { row["waitingToSign"] = true }
            return row
        }
    }
}
