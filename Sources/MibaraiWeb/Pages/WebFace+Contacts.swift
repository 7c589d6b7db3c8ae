import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode
import MibaraiStore

extension WebFace {
    /// `/contacts`: shops that work a repeat offender together. Requests and answers other shops
    /// sent (opened with this node's key), an answer form for each request, a form to ask the
    /// shop behind a matched record to get in touch (the check page links here with its id), and
    /// what this shop sent. Every action is the node's use case `mibarai contact` calls.
    func addContacts(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/contacts") { request, _ -> Response in
            try await self.signedIn(request) { s in
                let query = request.uri.queryParameters
                return await self.contactsPage(s, report: query.get("report").map { String($0) } ?? "", caseNumber: query.get("case").map { String($0) } ?? "",
                                               flash: query.get("done").map { WebText.flash($0, s.language) })
            }
        }
        pages.post("/contacts") { request, _ -> Response in
            try await self.posted(request) { s, form in
                let node = self.today
                do throws(NodeError) {
                    let caseNumber = try InputParsing.caseNumber(form["case"], field: WebText.field(.contactCase))
                    let report = form["report"] ?? "", text = form["text"] ?? ""
                    _ = try await self.offloaded { () throws(NodeError) in try node.writeContactRequest(about: report, caseNumber: caseNumber, text: text) }
                    return self.redirect("/contacts?done=contactSent")
                } catch {
                    return await self.contactsPage(s, report: form["report"] ?? "", caseNumber: form["case"] ?? "", text: form["text"] ?? "",
                                                   error: self.message(error, s), status: .unprocessableContent)
                }
            }
        }
        pages.post("/contacts/:from/:id/answer") { request, context -> Response in
            try await self.posted(request) { s, form in
                let id = context.parameters.get("id") ?? ""
                let from = context.parameters.get("from") ?? ""
                let node = self.today
                do throws(NodeError) {
                    guard let answer = form["answer"].flatMap({ name in ContactAnswerKind.allCases.first { $0.name == name } }) else {
                        throw NodeError.usage(ja: "回答を選んでください。", en: "choose an answer.")
                    }
                    let text = form["text"] ?? ""
                    _ = try await self.offloaded { () throws(NodeError) in try node.answerContactRequest(id, from: from, answer: answer, text: text) }
                    return self.redirect("/contacts?done=contactAnswered")
                } catch {
                    return await self.contactsPage(s, error: self.message(error, s), status: .unprocessableContent)
                }
            }
        }
    }

    func contactsPage(_ s: WebSession, report: String = "", caseNumber: String = "", text: String = "", flash: String? = nil,
                      error: String? = nil, status: HTTPResponse.Status = .ok) async -> Response {
        let lang = s.language
        let node = today
        do throws(NodeError) {
            let (received, sent) = try await offloaded { () throws(NodeError) in try node.contacts() }
            var data: [String: Any] = [
                "received": received.map { Self.contactRow($0, lang) }, "hasReceived": !received.isEmpty,
                "sent": sent.map { Self.sentRow($0, lang) }, "hasSent": !sent.isEmpty,
                "report": report, "case": caseNumber, "text": text,
            ]
            if let flash { data["flash"] = flash }
            if let error { data["error"] = error }
            return page("contacts/contacts", title: .contactsTitle, session: s, data: data, status: status)
        } catch {
            return errorPage(error, s)
        }
    }

    static func contactRow(_ r: Node.ReceivedContact, _ lang: Language) -> [String: Any] {
        var row: [String: Any] = ["id": r.id.description, "from": r.from.description, "member": r.fromName]
        switch r.message {
        case .request(let q):
            row["isRequest"] = true
            row["shop"] = q.shop
            row["contact"] = q.contact
            row["text"] = q.text.isEmpty ? false : q.text as Any
            row["reportID"] = r.report.map { $0.id.description as Any } ?? false
            row["answered"] = r.answer != nil
            row["answers"] = ContactAnswerKind.allCases.map { ["value": $0.name, "label": $0.label.text(lang)] }
        case .answer(let a):
            row["isAnswer"] = true
            row["answer"] = a.answer.label.text(lang)
            row["shop"] = a.shop
            row["contact"] = a.contact.isEmpty ? false : a.contact as Any
            row["text"] = a.text.isEmpty ? false : a.text as Any
            row["damage"] = a.damage.map { d -> [String: Any] in
                ["category": d.category.label.text(lang), "amount": LookupResult.yen(d.amountYen), "paid": LookupResult.yen(d.paidYen),
                 "incident": d.incident.description,
                 "steps": d.steps.map { "\($0.stage.label.text(lang)) \($0.day)" }.joined(separator: " → ")]
            }
        }
        return row
    }

    static func sentRow(_ m: AppDatabase.SentMessage, _ lang: Language) -> [String: Any] {
        let request = m.message.kind == .contactRequest
        return ["to": m.recipientName, "kind": WebText.text(request ? .contactKindRequest : .contactKindAnswer, lang), "day": m.writtenOn,
                "case": m.caseNumber.map { "#\($0)" } ?? "", "state": WebText.text(m.published ? .contactSentState : .contactWaitingState, lang)]
    }
}
