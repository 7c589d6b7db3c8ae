import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode

extension WebFace {
    /// `/reports`: the list (by status), a new report, one report with its history, and the
    /// forms that correct it, change its status or withdraw it. Every change goes through the
    /// node's use cases, with the command line's validation and messages.
    /// Reports on one page of the list.
    static let reportsPerPage = 50

    func addReports(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/reports") { request, _ -> Response in
            try await self.signedIn(request) { s in
                let lang = s.language
                let status = request.uri.queryParameters.get("status").flatMap(ReportStatus.init(name:))
                // Pages of 50, newest first: `?page=2` is the next 50.
                let size = Self.reportsPerPage
                let number = max(1, min(request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1, 1_000_000))
                let node = self.today
                do throws(NodeError) {
                    let (reports, total) = try await self.offloaded { () throws(NodeError) in
                        try node.listReports(status: status, limit: size, offset: (number - 1) * size)
                    }
                    let filter = status.map { "status=\($0.name)&" } ?? ""
                    return self.page("reports/reports", title: .reportsTitle, session: s, data: [
                        "reports": reports.map { Self.reportRow($0, lang) }, "hasReports": !reports.isEmpty, "total": total,
                        "first": reports.isEmpty ? 0 : (number - 1) * size + 1, "last": (number - 1) * size + reports.count,
                        // A section over an empty string is still shown: false when there is no such page.
                        "previous": number > 1 ? "/reports?\(filter)page=\(number - 1)" : false,
                        "next": number * size < total ? "/reports?\(filter)page=\(number + 1)" : false, "paged": total > size,
                        "statuses": ReportStatus.allCases.map { ["value": $0.name, "label": $0.label.text(lang), "selected": $0 == status] },
                        "flash": request.uri.queryParameters.get("done").map { WebText.flash($0, lang) as Any } ?? false,
                    ])
                } catch {
                    return self.errorPage(error, s)
                }
            }
        }
        pages.get("/reports/new") { request, _ -> Response in
            try await self.signedIn(request) { s in
                self.page("reports/report-new", title: .reportNewTitle, session: s, data: ["form": [String: String](), "categories": Self.categories(s.language, chosen: nil)])
            }
        }
        pages.post("/reports") { request, _ -> Response in
            try await self.posted(request) { s, form in
                let lang = s.language
                let node = self.today
                do throws(NodeError) {
                    let draft = try Self.reportDraft(form, lang)
                    let report = try await self.offloaded { () throws(NodeError) in try node.recordReport(draft) }
                    return self.redirect("/reports/\(report.id)?done=recorded")
                } catch {
                    return self.page("reports/report-new", title: .reportNewTitle, session: s, data: [
                        "form": form.values, "categories": Self.categories(lang, chosen: form["category"]), "error": self.message(error, s),
                    ], status: .unprocessableContent)
                }
            }
        }
        pages.get("/reports/:id") { request, context -> Response in
            try await self.signedIn(request) { s in
                let id = context.parameters.get("id") ?? ""
                return await self.reportPage(id, s, flash: request.uri.queryParameters.get("done").map { WebText.flash($0, s.language) })
            }
        }
        pages.post("/reports/:id/status") { request, context -> Response in
            try await self.posted(request) { s, form in
                let id = context.parameters.get("id") ?? ""
                let node = self.today
                do throws(NodeError) {
                    let status = try InputParsing.status(form["status"], field: WebText.field(.fieldStatus))
                    guard let status else { throw NodeError.usage(ja: "状態を選んでください。", en: "choose a status.") }
                    _ = try await self.offloaded { () throws(NodeError) in try node.correctReport(id) { r throws(NodeError) in r.status = status } }
                    return self.redirect("/reports/\(id)?done=status")
                } catch {
                    return await self.reportPage(id, s, error: self.message(error, s))
                }
            }
        }
        pages.post("/reports/:id/correct") { request, context -> Response in
            try await self.posted(request) { s, form in
                let id = context.parameters.get("id") ?? ""
                let node = self.today
                do throws(NodeError) {
                    // Read as `report update` reads its options; a field left empty keeps its value
                    // (the page shows the values held).
                    let amount = try InputParsing.amount(form["amount"], field: WebText.field(.fieldAmount))
                    let category = try InputParsing.category(form["category"], field: WebText.field(.fieldCategory))
                    let incident = try InputParsing.date(form["incident_date"], field: WebText.field(.fieldIncidentDate))
                    let orderDate = try InputParsing.date(form["order_date"], field: WebText.field(.fieldOrderDate))
                    let shipDate = try InputParsing.date(form["ship_date"], field: WebText.field(.fieldShipDate))
                    let (reference, notes) = (form["reference"], form["notes"])
                    let given = form.identity()
                    _ = try await self.offloaded { () throws(NodeError) in
                        try node.correctReport(id) { r throws(NodeError) in
                            for field in IdentityField.allCases { if let v = given[field] { r.identity[field] = v } }
                            if let amount { r.amountYen = amount }
                            if let category { r.category = category }
                            if let incident { r.incidentDate = incident }
                            if let orderDate { r.orderDate = orderDate }
                            if let shipDate { r.shipDate = shipDate }
                            if let reference { r.orderReference = reference }
                            if let notes { r.notes = notes }
                        }
                    }
                    return self.redirect("/reports/\(id)?done=corrected")
                } catch {
                    return await self.reportPage(id, s, error: self.message(error, s))
                }
            }
        }
        pages.post("/reports/:id/withdraw") { request, context -> Response in
            try await self.posted(request) { s, form in
                let id = context.parameters.get("id") ?? ""
                let node = self.today
                do throws(NodeError) {
                    _ = try await self.offloaded { () throws(NodeError) in try node.withdrawReport(id, reason: form["reason"]) }
                    return self.redirect("/reports/\(id)?done=withdrawn")
                } catch {
                    return await self.reportPage(id, s, error: self.message(error, s))
                }
            }
        }
    }

    func reportPage(_ id: String, _ s: WebSession, error: String? = nil, flash: String? = nil) async -> Response {
        let lang = s.language
        let node = today
        do throws(NodeError) {
            let (report, events, reviews) = try await offloaded { () throws(NodeError) in
                let r = try node.findReport(id)
                return (r, try node.events(of: r.id), try node.reviews())
            }
            let reviewRows = Self.reviewRows(reviews, lang, today: node.today, only: report.id)
            var data: [String: Any] = [
                "report": Self.reportRow(report, lang),
                "identity": IdentityField.allCases.map { f -> [String: Any] in ["name": f.formName, "label": WebText.fieldLabel(f, lang)] },
                "held": IdentityField.allCases.compactMap { f -> [String: Any]? in
                    report.identity[f].map { ["label": WebText.fieldLabel(f, lang), "value": $0] }
                },
                "events": events.map { e -> [String: Any] in
                    ["day": e.day, "kind": ReportEventText.kind(e.kind).text(lang), "detail": ReportEventText.detail(e.detail)?.text(lang) ?? ""]
                },
                "statuses": ReportStatus.allCases.filter { $0 != .withdrawn }.map { ["value": $0.name, "label": $0.label.text(lang), "selected": $0 == report.status] },
                "withdrawn": report.status == .withdrawn,
                "reviews": reviewRows, "hasReviews": !reviewRows.isEmpty,
                "categories": ReportCategory.allCases.map { ["value": $0.name, "label": $0.label.text(lang), "selected": false] },
            ]
            if let error { data["error"] = error }
            if let flash { data["flash"] = flash }
            return page("reports/report", title: .reportTitle, session: s, data: data, status: error == nil ? .ok : .unprocessableContent)
        } catch {
            return errorPage(error, s)
        }
    }

    func errorPage(_ error: NodeError, _ s: WebSession) -> Response {
        let status: HTTPResponse.Status = switch error.category {
        case .notFound: .notFound
        case .usage, .data: .unprocessableContent
        case .software, .cannotCreate, .unavailable: .internalServerError
        }
        return page("error", title: .errorTitle, session: s, data: ["message": message(error, s)], status: status)
    }

    static func reportRow(_ r: Report, _ lang: Language) -> [String: Any] {
        [
            "id": r.id.description, "category": r.category.label.text(lang), "amount": LookupResult.yen(r.amountYen),
            "amountYen": r.amountYen, "status": r.status.label.text(lang), "statusName": r.status.name,
            "incident": r.incidentDate.description, "expires": r.expiresOn.description, "reference": r.orderReference ?? "",
            "who": r.identity.name ?? r.identity.phone ?? r.identity.email ?? "—",
        ]
    }

    static func categories(_ lang: Language, chosen: String?) -> [[String: Any]] {
        ReportCategory.allCases.map { ["value": $0.name, "label": $0.label.text(lang), "selected": $0.name == (chosen ?? "non-payment")] }
    }

    /// A new report from the form: the same parsing as `report add`, fields named as the page names them.
    static func reportDraft(_ form: WebForm, _ lang: Language) throws(NodeError) -> Node.ReportDraft {
        guard let category = try InputParsing.category(form["category"], field: WebText.field(.fieldCategory)) else {
            throw .usage(ja: "区分を選んでください。", en: "choose a category.")
        }
        return Node.ReportDraft(
            identity: form.identity(), category: category,
            amountYen: try InputParsing.amount(form["amount"], field: WebText.field(.fieldAmount)) ?? 0,
            orderReference: form["reference"],
            orderDate: try InputParsing.date(form["order_date"], field: WebText.field(.fieldOrderDate)),
            shipDate: try InputParsing.date(form["ship_date"], field: WebText.field(.fieldShipDate)),
            incidentDate: try InputParsing.date(form["incident_date"], field: WebText.field(.fieldIncidentDate)),
            notes: form["notes"]
        )
    }
}

extension IdentityField {
    /// The name of the field in the page's forms.
    var formName: String {
        switch self {
        case .name: "name"
        case .nameKana: "kana"
        case .postalCode: "postal_code"
        case .address: "address"
        case .phone: "phone"
        case .email: "email"
        }
    }
}
