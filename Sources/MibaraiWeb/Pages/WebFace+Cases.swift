import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode
import NIOCore

extension WebFace {
    /// `/cases`: the open cases with their next rung and its date; a new case; one case's
    /// timeline with the form that logs an event; a rung's letter to preview, print and download
    /// (the 内容証明 laid out on its grid).
    func addCases(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/cases") { request, _ -> Response in
            try await self.signedIn(request) { s in
                let lang = s.language
                let node = self.today
                do throws(NodeError) {
                    let cases = try await self.offloaded { () throws(NodeError) in try node.cases() }
                    return self.page("cases/cases", title: .casesTitle, session: s, data: ["hasCases": !cases.isEmpty,
                        "cases": cases.map { c -> [String: Any] in
                            let step = c.nextStep(policy: node.dunning)
                            return ["number": c.number, "opened": c.openedOn.description, "amount": LookupResult.yen(c.outstandingYen),
                                    "stage": c.stage?.label.text(lang) ?? "—", "next": step?.stage.label.text(lang) ?? "—",
                                    "due": step?.due.description ?? "—", "isDue": step?.isDue(on: node.today) ?? false,
                                    "reference": c.order.reference ?? ""]
                        },
                    ])
                } catch {
                    return self.errorPage(error, s)
                }
            }
        }
        pages.get("/cases/new") { request, _ -> Response in
            try await self.signedIn(request) { s in
                self.page("cases/case-new", title: .caseNewTitle, session: s, data: ["form": ["from_report": request.uri.queryParameters.get("report") ?? ""]])
            }
        }
        pages.post("/cases") { request, _ -> Response in
            try await self.posted(request) { s, form in
                let node = self.today
                do throws(NodeError) {
                    let draft = try Self.caseDraft(form)
                    let c = try await self.offloaded { () throws(NodeError) in try node.openCase(draft) }
                    return self.redirect("/cases/\(c.number)?done=opened")
                } catch {
                    return self.page("cases/case-new", title: .caseNewTitle, session: s, data: ["form": form.values, "error": self.message(error, s)],
                                     status: .unprocessableContent)
                }
            }
        }
        pages.get("/cases/:number") { request, context -> Response in
            try await self.signedIn(request) { s in
                await self.casePage(context.parameters.get("number", as: Int.self) ?? 0, s,
                                    flash: request.uri.queryParameters.get("done").map { WebText.flash($0, s.language) })
            }
        }
        pages.post("/cases/:number/events") { request, context -> Response in
            try await self.posted(request) { s, form in
                let number = context.parameters.get("number", as: Int.self) ?? 0
                let node = self.today
                do throws(NodeError) {
                    let event = try Self.caseEvent(form, today: node.today)
                    _ = try await self.offloaded { () throws(NodeError) in try node.logCaseEvent(number, event) }
                    return self.redirect("/cases/\(number)?done=logged")
                } catch {
                    return await self.casePage(number, s, error: self.message(error, s), form: form.values)
                }
            }
        }
        addEvidence(to: pages)
        pages.post("/cases/:number/close") { request, context -> Response in
            try await self.posted(request) { s, form in
                let number = context.parameters.get("number", as: Int.self) ?? 0
                let node = self.today
                do throws(NodeError) {
                    guard let outcome = form["outcome"].flatMap(CaseOutcome.init(name:)) else {
                        throw NodeError.data(ja: "結果を選んでください。", en: "choose how the case ended.")
                    }
                    let day = try InputParsing.date(form["date"], field: WebText.field(.fieldDate))
                    let note = form["note"]
                    _ = try await self.offloaded { () throws(NodeError) in try node.closeCase(number, outcome: outcome, on: day, note: note) }
                    return self.redirect("/cases/\(number)?done=closed")
                } catch {
                    return await self.casePage(number, s, error: self.message(error, s))
                }
            }
        }
        pages.post("/cases/:number/report") { request, context -> Response in
            try await self.posted(request) { s, form in
                let number = context.parameters.get("number", as: Int.self) ?? 0
                let node = self.today
                do throws(NodeError) {
                    let chosen = try InputParsing.category(form["category"], field: WebText.field(.fieldCategory))
                    let report = try await self.offloaded { () throws(NodeError) in
                        let c = try node.findCase(number)
                        return try node.publishReport(for: c, category: chosen ?? (c.isRefusedDelivery ? .codRefusal : .nonPayment)).1
                    }
                    return self.redirect("/reports/\(report.id)?done=recorded")
                } catch {
                    return await self.casePage(number, s, error: self.message(error, s))
                }
            }
        }
        pages.get("/cases/:number/letter") { request, context -> Response in
            try await self.signedIn(request) { s in
                let number = context.parameters.get("number", as: Int.self) ?? 0
                do throws(NodeError) {
                    let draft = try await self.letter(number, request)
                    var data: [String: Any] = [
                        "number": number, "stage": draft.stage.label.text(s.language), "stageName": draft.stage.name,
                        "text": draft.text, "warnings": draft.warnings.map { $0.text(s.language) }, "hasWarnings": !draft.warnings.isEmpty,
                        "naiyo": draft.document != nil, "isFormalDemand": draft.stage == .formalDemand,
                        "layouts": NaiyoShomeiFormat.allCases.map { f -> [String: Any] in
                            ["value": f.rawValue, "label": "\(f.charactersPerLine)×\(f.linesPerPage)"]
                        },
                        "download": "/cases/\(number)/letter.txt?" + (request.uri.query ?? ""),
                    ]
                    // The laid-out text checked again against the rules, as `case naiyo-check` does.
                    if let document = draft.document, let format = NaiyoShomeiFormat(rawValue: request.uri.queryParameters.get("layout").map { String($0) } ?? "") {
                        do throws(NaiyoShomeiError) {
                            let checked = try NaiyoShomeiLayout(format: format).check(document.text)
                            data["check"] = s.language == .ja
                                ? "内容証明の制限内です (\(format.charactersPerLine)字×\(format.linesPerPage)行、\(checked.pages.count)枚、\(checked.characterCount)字)。"
                                : "Within the 内容証明 limits (\(format.charactersPerLine) × \(format.linesPerPage), \(checked.pages.count) sheets, \(checked.characterCount) characters)."
                        } catch {
                            data["checkError"] = error.message.text(s.language)
                        }
                    }
                    return self.page("cases/letter", title: .letterTitle, session: s, data: data)
                } catch {
                    return self.errorPage(error, s)
                }
            }
        }
        pages.get("/cases/:number/letter.txt") { request, context -> Response in
            try await self.signedIn(request) { s in
                let number = context.parameters.get("number", as: Int.self) ?? 0
                do throws(NodeError) {
                    let draft = try await self.letter(number, request)
                    return Response(status: .ok, headers: [
                        .contentType: "text/plain; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"case-\(number)-\(draft.stage.name).txt\"",
                    ], body: .init(byteBuffer: ByteBuffer(string: draft.text + "\n")))
                } catch {
                    return self.errorPage(error, s)
                }
            }
        }
    }

    /// `/cases/N/evidence.html` and `.md`: the evidence file to download (it holds personal data:
    /// the page says to give it only to the police or the court).
    func addEvidence(to pages: RouterGroup<BasicRequestContext>) {
        for (suffix, type) in [("html", "text/html; charset=utf-8"), ("md", "text/markdown; charset=utf-8")] {
            pages.get("/cases/:number/evidence.\(suffix)") { request, context -> Response in
                try await self.signedIn(request) { s in
                    let number = context.parameters.get("number", as: Int.self) ?? 0
                    let node = self.today
                    do throws(NodeError) {
                        let file = try await self.offloaded { () throws(NodeError) in try node.evidenceFile(forCase: number) }
                        return Response(status: .ok, headers: [
                            .contentType: type, .contentDisposition: "attachment; filename=\"case-\(number)-evidence.\(suffix)\"",
                        ], body: .init(byteBuffer: ByteBuffer(string: suffix == "html" ? file.html : file.markdown)))
                    } catch {
                        return self.errorPage(error, s)
                    }
                }
            }
            // The joint damage summary: this case and what other shops shared (`case evidence --joint`).
            pages.get("/cases/:number/joint.\(suffix)") { request, context -> Response in
                try await self.signedIn(request) { s in
                    let number = context.parameters.get("number", as: Int.self) ?? 0
                    let node = self.today
                    do throws(NodeError) {
                        let joint = try await self.offloaded { () throws(NodeError) in try node.jointDamage(forCase: number) }
                        return Response(status: .ok, headers: [
                            .contentType: type, .contentDisposition: "attachment; filename=\"case-\(number)-joint.\(suffix)\"",
                        ], body: .init(byteBuffer: ByteBuffer(string: suffix == "html" ? joint.html : joint.markdown)))
                    } catch {
                        return self.errorPage(error, s)
                    }
                }
            }
        }
    }

    /// The letter a request asks for: `?stage=` (default: the rung due) and `?layout=` (a
    /// 内容証明 grid: 20x26, 13x40, 26x20).
    func letter(_ number: Int, _ request: Request) async throws(NodeError) -> Node.LetterDraft {
        let stage = try InputParsing.stage(request.uri.queryParameters.get("stage").flatMap { $0.isEmpty ? nil : String($0) },
                                           field: WebText.field(.fieldStage))
        let layout = try request.uri.queryParameters.get("layout").flatMap { $0.isEmpty ? nil : String($0) }.map { t throws(NodeError) in try InputParsing.layout(t) }
        let node = today
        return try await offloaded { () throws(NodeError) in try node.letter(forCase: number, stage: stage, naiyoShomei: layout) }
    }

    func casePage(_ number: Int, _ s: WebSession, error: String? = nil, flash: String? = nil, form: [String: String] = [:]) async -> Response {
        let lang = s.language
        let node = today
        do throws(NodeError) {
            let c = try await offloaded { () throws(NodeError) in try node.findCase(number) }
            let step = c.nextStep(policy: node.dunning)
            var data: [String: Any] = [
                "number": c.number, "opened": c.openedOn.description, "amount": LookupResult.yen(c.order.amountYen),
                "paid": LookupResult.yen(c.paidYen), "outstanding": LookupResult.yen(c.outstandingYen),
                "reference": c.order.reference ?? "", "closed": c.isClosed,
                "next": step.map { ["stage": $0.stage.label.text(lang), "stageName": $0.stage.name, "due": $0.due.description, "reason": $0.reason.text(lang)] } as Any,
                "events": c.events.map { e -> [String: Any] in
                    ["date": e.date.description, "time": e.time?.description ?? "", "kind": e.kind.label.text(lang),
                     "stage": e.stage?.label.text(lang) ?? "", "amount": e.amountYen.map(LookupResult.yen) ?? "",
                     "promised": e.promisedDate?.description ?? "", "note": e.note ?? ""]
                },
                "kinds": CaseEventKind.loggable.map { ["value": $0.name, "label": $0.label.text(lang), "selected": $0.name == form["kind"]] },
                "stages": DunningStage.allCases.map { ["value": $0.name, "label": $0.label.text(lang)] },
                "form": form, "today": node.today.description,
                "outcomes": CaseOutcome.allCases.map { ["value": $0.name, "label": $0.label.text(lang)] },
                "categories": ReportCategory.allCases.map { ["value": $0.name, "label": $0.label.text(lang)] },
                "reported": c.reportID != nil, "reportID": c.reportID?.description ?? "",
            ]
            if let error { data["error"] = error }
            if let flash { data["flash"] = flash }
            return page("cases/case", title: .caseTitle, session: s, data: data, status: error == nil ? .ok : .unprocessableContent)
        } catch {
            return errorPage(error, s)
        }
    }

    /// A new case from the form, read as `case open` reads its options.
    static func caseDraft(_ form: WebForm) throws(NodeError) -> Node.CaseDraft {
        let order = CaseOrder(
            reference: form["reference"], orderDate: try InputParsing.date(form["order_date"], field: WebText.field(.fieldOrderDate)),
            shipDate: try InputParsing.date(form["ship_date"], field: WebText.field(.fieldShipDate)),
            dueDate: try InputParsing.date(form["due_date"], field: WebText.field(.fieldDueDate)),
            paymentMethod: form["payment"], items: form["items"],
            amountYen: try InputParsing.amount(form["amount"], field: WebText.field(.fieldAmount)) ?? 0,
            deliveredOn: try InputParsing.date(form["delivered_on"], field: WebText.field(.fieldDeliveredOn))
        )
        return Node.CaseDraft(identity: form.identity(), order: order, deliberate: form["deliberate"] != nil,
                              fromReport: form["from_report"], note: form["note"])
    }

    /// An event from the form, read as `case log` reads its options.
    static func caseEvent(_ form: WebForm, today: LocalDate) throws(NodeError) -> CaseEvent {
        guard let kind = form["kind"].flatMap(CaseEventKind.init(name:)), CaseEventKind.loggable.contains(kind) else {
            throw .data(ja: "出来事の種類を選んでください。", en: "choose what happened.")
        }
        // Which fields fit which event is the case's rule (`DunningCase.record`), not the page's.
        let amount = try InputParsing.amount(form["amount"], field: WebText.field(.fieldAmount))
        let promised = try InputParsing.date(form["promised_date"], field: WebText.field(.fieldPromisedDate))
        return CaseEvent(
            date: try InputParsing.date(form["date"], field: WebText.field(.fieldDate)) ?? today, kind: kind,
            stage: try InputParsing.stage(form["stage"], field: WebText.field(.fieldStage)), amountYen: amount,
            promisedDate: promised, note: form["note"], time: try InputParsing.time(form["time"], field: WebText.field(.fieldTime))
        )
    }
}
