import ArgumentParser
import MibaraiCore
import MibaraiNode
import MibaraiStore

extension Mibarai.ContactCommand {
    /// `mibarai contact list`: requests and answers this shop received, and what it wrote.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "届いた連絡依頼・回答と、送ったものを一覧する / List the contact requests and answers received, and those sent."
        )

        @OptionGroup var global: GlobalOptions

        struct Row: Encodable {
            var direction: String
            var id: String
            var shop: String
            var kind: String
            var report: String?
            var inReplyTo: String?
            var answer: String?
            var contact: String?
            var text: String
            var damage: [Damage]?
            var answered: Bool?
            var `case`: Int?
            var sent: Bool?
        }

        struct Damage: Encodable {
            var category: String
            var amountYen: Int
            var paidYen: Int
            var incident: String
            var steps: [String]
        }

        static func row(_ m: ContactMessage, direction: String, id: SealedMessageID, shop: String) -> Row {
            switch m {
            case .request(let r):
                return Row(direction: direction, id: id.description, shop: shop, kind: "contact_request", report: r.publication.description,
                           contact: r.contact, text: r.text)
            case .answer(let a):
                return Row(direction: direction, id: id.description, shop: shop, kind: "contact_answer", inReplyTo: a.inReplyTo.description,
                           answer: a.answer.name, contact: a.contact.isEmpty ? nil : a.contact, text: a.text,
                           damage: a.damage.map { d in
                               Damage(category: d.category.name, amountYen: d.amountYen, paidYen: d.paidYen, incident: d.incident.description,
                                      steps: d.steps.map { "\($0.stage.name) \($0.day)" })
                           })
            }
        }

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let (received, sent) = try node.contacts()
                if global.json {
                    for r in received {
                        var row = Self.row(r.message, direction: "received", id: r.id, shop: r.fromName)
                        if case .request = r.message { row.answered = r.answer != nil }
                        try console.emit(row)
                    }
                    for s in sent {
                        var row = Self.row(s.message, direction: "sent", id: s.id, shop: s.recipientName)
                        row.case = s.caseNumber
                        row.sent = s.published
                        try console.emit(row)
                    }
                    return
                }
                if received.isEmpty && sent.isEmpty {
                    console.say(ja: "連絡依頼はありません。", en: "No contact request.")
                    return
                }
                for r in received { say(r, console) }
                for s in sent {
                    let state = s.published ? Localized(ja: "送信済み", en: "sent") : Localized(ja: "送信待ち (serve が署名します)", en: "waiting (serve signs it)")
                    let what = s.message.kind == .contactRequest ? Localized(ja: "連絡依頼", en: "contact request") : Localized(ja: "回答", en: "answer")
                    console.say(ja: "送信 \(s.id)  \(s.recipientName) 宛て\(what.ja)  \(s.writtenOn)  \(state.ja)\(s.caseNumber.map { "  案件 \($0)" } ?? "")",
                                en: "Sent \(s.id)  \(what.en) to \(s.recipientName)  \(s.writtenOn)  \(state.en)\(s.caseNumber.map { "  case \($0)" } ?? "")")
                }
            }
        }

        private func say(_ r: Node.ReceivedContact, _ console: Console) {
            switch r.message {
            case .request(let q):
                let state = r.answer == nil ? Localized(ja: "未回答", en: "not answered") : Localized(ja: "回答済み", en: "answered")
                console.say(ja: "依頼 \(r.id)  \(q.shop) (\(r.fromName)) から  連絡先: \(q.contact)  \(state.ja)",
                            en: "Request \(r.id)  from \(q.shop) (\(r.fromName))  contact: \(q.contact)  \(state.en)")
                if let report = r.report {
                    console.say(ja: "  当店の報告 \(report.id)  \(report.category.label.ja)  \(LookupResult.yen(report.amountYen))  発生 \(report.incidentDate)",
                                en: "  your report \(report.id)  \(report.category.label.en)  \(LookupResult.yen(report.amountYen))  incident \(report.incidentDate)")
                }
                if !q.text.isEmpty { console.say(ja: "  「\(q.text)」", en: "  \"\(q.text)\"") }
                if r.answer == nil {
                    console.say(ja: "  回答: mibarai contact answer \(r.id) --share | --decline", en: "  answer: mibarai contact answer \(r.id) --share | --decline")
                }
            case .answer(let a):
                console.say(ja: "回答 \(r.id)  \(r.fromName) から (依頼 \(a.inReplyTo))  \(a.answer.label.ja)\(a.contact.isEmpty ? "" : "  連絡先: \(a.shop) \(a.contact)")",
                            en: "Answer \(r.id)  from \(r.fromName) (request \(a.inReplyTo))  \(a.answer.label.en)\(a.contact.isEmpty ? "" : "  contact: \(a.shop) \(a.contact)")")
                for d in a.damage {
                    console.say(ja: "  被害: \(d.category.label.ja) \(LookupResult.yen(d.amountYen)) (入金 \(LookupResult.yen(d.paidYen)))  発生 \(d.incident)  督促 \(d.steps.count) 段階",
                                en: "  damage: \(d.category.label.en) \(LookupResult.yen(d.amountYen)) (paid \(LookupResult.yen(d.paidYen)))  incident \(d.incident)  \(d.steps.count) ladder stages")
                }
                if !a.text.isEmpty { console.say(ja: "  「\(a.text)」", en: "  \"\(a.text)\"") }
            }
        }
    }
}
