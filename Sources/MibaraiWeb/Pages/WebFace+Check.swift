import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode

extension WebFace {
    /// `/check`: one order typed or pasted; the decision, the score, every reason, the matched
    /// reports by strength and, for review or hold, the confirmation call to make. The order is
    /// read by the rules every face shares (``OrderForm``) and screened by the server's screener.
    func addCheck(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/check") { request, _ -> Response in
            try await self.signedIn(request) { s in
                self.page("check", title: .checkTitle, session: s, data: ["form": [String: String](), "payments": Self.payments(s.language, chosen: nil)])
            }
        }
        pages.post("/check") { request, _ -> Response in
            try await self.posted(request) { s, form in
                let lang = s.language
                var data: [String: Any] = ["form": form.values, "payments": Self.payments(lang, chosen: form["payment"])]
                let order: Order
                do throws(OrderFormError) {
                    order = try OrderForm(
                        reference: form["reference"], placedAt: nil, billing: form.identity(),
                        shipping: { let i = form.identity(prefix: "ship_"); return i.isEmpty ? nil : i }(),
                        items: form["amount"].map { [OrderForm.Item(quantity: "1", unitPrice: $0)] } ?? [],
                        payment: form["payment"], deliveryMethod: form["delivery"]
                    ).order()
                } catch {
                    data["error"] = error.message.text(lang)
                    return self.page("check", title: .checkTitle, session: s, data: data, status: .unprocessableContent)
                }
                let result: ScreeningResult
                do {
                    // As `check` does: only an order with its number joins the velocity history
                    // (checking it again replaces it).
                    result = try await self.screener.screen([order], now: Node.now(), recording: order.reference != nil)[0]
                } catch {
                    self.logger.error("web check failed", metadata: ["error": "\(type(of: error))"])
                    data["error"] = WebText.text(.internalError, lang)
                    return self.page("check", title: .checkTitle, session: s, data: data, status: .internalServerError)
                }
                data["result"] = Self.screeningView(result, lang, own: self.node.configuration.nodeID)
                return self.page("check", title: .checkTitle, session: s, data: data)
            }
        }
    }

    /// A screening as the page shows it.
    /// `own`: this node's name, so that only other shops' records offer a contact request.
    static func screeningView(_ r: ScreeningResult, _ lang: Language, own: String? = nil) -> [String: Any] {
        var view: [String: Any] = [
            "decision": r.decision.label.text(lang), "decisionName": r.decision.name, "score": r.score,
            "allowListed": r.allowListed,
            "reasons": r.contributions.map { c -> [String: Any] in ["weight": c.weight < 0 ? "\(c.weight)" : "+\(c.weight)", "reason": c.reason.text(lang)] },
            "headline": r.lookup.headline.text(lang),
            "matches": r.lookup.matches.sorted { $0.strength > $1.strength }.map { m -> [String: Any] in
                let rec = m.record
                return ["strength": m.strength.label.text(lang), "explanation": m.explanation.text(lang), "category": rec.category.label.text(lang),
                        "amount": LookupResult.yen(rec.amountYen), "month": rec.month, "status": rec.status.label.text(lang), "origin": rec.origin,
                        "contact": rec.origin == own ? false : rec.id.description as Any]
            },
        ]
        // Reached only through an impersonation victim's suppressed tokens: shown, never counted.
        view["impersonation"] = r.lookup.impersonationMatches.map { m -> [String: Any] in
            let rec = m.record
            let label = SuppressionReason.impersonation.label.text(lang)
            let fields = m.suppressedFields.map { RecordMatch.fieldLabel($0).text(lang) }.joined(separator: lang == .ja ? "・" : " + ")
            return ["label": label, "fields": fields, "category": rec.category.label.text(lang), "amount": LookupResult.yen(rec.amountYen),
                    "month": rec.month, "status": rec.status.label.text(lang), "origin": rec.origin]
        }
        if let call = r.confirmationCall?.text(lang) {
            view["call"] = call.split(separator: "\n").map(String.init)
            view["hasCall"] = true
        }
        return view
    }

    /// The payment methods of the form, one chosen.
    static func payments(_ lang: Language, chosen: String?) -> [[String: Any]] {
        let names: [(String, Localized)] = [
            ("", Localized(ja: "(指定なし)", en: "(not given)")),
            ("postpay", Localized(ja: "後払い", en: "pay later")), ("cod", Localized(ja: "代金引換", en: "cash on delivery")),
            ("card", Localized(ja: "クレジットカード", en: "card")), ("bank_transfer", Localized(ja: "銀行振込", en: "bank transfer")),
            ("convenience_store", Localized(ja: "コンビニ払い", en: "convenience store")), ("other", Localized(ja: "その他", en: "other")),
        ]
        return names.map { ["value": $0.0, "label": $0.1.text(lang), "selected": $0.0 == (chosen ?? "")] }
    }
}
