import Foundation
import Hummingbird
import MibaraiCore
import MibaraiImport
import MibaraiNode
import NIOCore

extension WebFace {
    /// `/csv`: an export from Shopify, EC-CUBE, BASE, STORES or カラーミー (UTF-8 or Shift_JIS) is
    /// uploaded, screened in the background with the same use case as `check --csv`
    /// (``Node/screenFile(_:now:batch:each:progress:)``), its progress shown (the page reloads
    /// itself every second: no script), then a table of the orders by decision and the annotated
    /// file to download in the input's encoding.
    func addCSV(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/csv") { request, _ -> Response in
            try await self.signedIn(request) { s in self.page("csv/csv", title: .csvTitle, session: s) }
        }
        pages.post("/csv") { request, _ -> Response in
            guard let s = self.session(of: request), s.signedIn else { return self.redirect("/login") }
            let lang = s.language
            func refused(_ key: WebText.Key, _ status: HTTPResponse.Status) -> Response {
                self.page("csv/csv", title: .csvTitle, session: s, data: ["error": WebText.text(key, lang)], status: status)
            }
            guard let boundary = request.headers[.contentType].flatMap(MultipartForm.boundary(contentType:)) else {
                return refused(.csvNotAForm, .unsupportedMediaType)
            }
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: self.configuration.maxUploadBytes) } catch { return refused(.csvTooLarge, .contentTooLarge) }
            guard let form = MultipartForm(Data(body.readableBytesView), boundary: boundary) else { return refused(.csvNotAForm, .badRequest) }
            guard let token = form["csrf"].map({ String(decoding: $0.data, as: UTF8.self) }), WebSessions.same(token, s.csrf) else {
                return self.page("error", title: .errorTitle, session: s, data: ["message": WebText.text(.csrfRefused, lang)], status: .forbidden)
            }
            guard let upload = form["file"], !upload.data.isEmpty else { return refused(.csvNoFile, .unprocessableContent) }
            let file: OrderCSV
            do throws(ImportError) { file = try OrderCSV.parse(upload.data, name: "upload") } catch {
                return self.page("csv/csv", title: .csvTitle, session: s, data: ["error": error.message.text(lang)], status: .unprocessableContent)
            }
            let job = CSVJob(id: WebSessions.randomHex(), session: s.id, filename: Self.safeFilename(upload.filename), total: file.rows.count,
                             encoding: file.encoding, platform: file.platform.rawValue)
            self.csvJobs.add(job)
            self.runCSV(job.id, file: file, language: lang)
            return self.redirect("/csv/\(job.id)")
        }
        pages.get("/csv/:id") { request, context -> Response in
            try await self.signedIn(request) { s in
                guard let job = self.csvJobs.job(context.parameters.get("id") ?? "", session: s.id) else {
                    return self.page("error", title: .errorTitle, session: s, data: ["message": WebText.text(.csvGone, s.language)], status: .notFound)
                }
                return self.csvPage(job, s, filter: request.uri.queryParameters.get("decision").map { String($0) })
            }
        }
        pages.get("/csv/:id/download") { request, context -> Response in
            try await self.signedIn(request) { s in
                guard let job = self.csvJobs.job(context.parameters.get("id") ?? "", session: s.id), job.finished, job.failure == nil else {
                    return self.page("error", title: .errorTitle, session: s, data: ["message": WebText.text(.csvGone, s.language)], status: .notFound)
                }
                let charset = job.encoding == .shiftJIS ? "Shift_JIS" : "utf-8"
                return Response(status: .ok, headers: [
                    .contentType: "text/csv; charset=\(charset)",
                    .contentDisposition: "attachment; filename=\"\(job.filename)-mibarai.csv\"",
                ], body: .init(byteBuffer: ByteBuffer(bytes: job.annotated)))
            }
        }
    }

    /// Screens the file in the background, telling the job its progress after each batch.
    private func runCSV(_ id: String, file: OrderCSV, language: Language) {
        let node = today
        let jobs = csvJobs
        let logger = logger
        let screener = screener
        Task.detached {
            var rows: [CSVJob.Row] = []
            var annotated = file.annotatedPreamble()
            do {
                // The server's screener: its velocity history is in memory already (and the orders
                // of the file join it, as `/check`'s do).
                let tally = try await node.screenFile(file, now: Node.now(), batch: 2_000, screener: screener, each: { group, outcome in
                    let line = group.rows.lowerBound + 2
                    switch outcome {
                    case .success(let r):
                        annotated.append(file.annotatedLines(group, result: r, language: language))
                        let flagged = r.decision != .pass || !r.lookup.isEmpty
                        rows.append(.init(line: line, reference: group.reference ?? "", decision: r.decision, score: r.score,
                                          summary: flagged ? r.summary : Localized(ja: "", en: "")))
                    case .failure(let problem):
                        annotated.append(file.annotatedLines(group, problem: problem.message, language: language))
                        rows.append(.init(line: line, reference: group.reference ?? "", decision: nil, score: nil, summary: problem.message))
                    }
                }, progress: { progress in
                    jobs.update(id) { job in
                        switch progress {
                        case .readingIndex(let read, let of):
                            job.indexRead = (read, of)
                        case .screening(let done, let of):
                            job.indexRead = nil
                            job.done = done
                            job.total = of
                        }
                    }
                })
                jobs.update(id) { job in
                    job.rows = rows
                    job.annotated = annotated
                    job.tally = tally.decisions
                    job.unscreenable = tally.unscreenable
                    job.done = job.total
                    job.finished = true
                }
            } catch {
                logger.error("web CSV screening failed", metadata: ["error": "\(type(of: error))"])
                let message = (error as? NodeError)?.message ?? Localized(ja: "審査できませんでした。", en: "the file could not be screened.")
                jobs.update(id) { job in
                    job.failure = message
                    job.finished = true
                }
            }
        }
    }

    func csvPage(_ job: CSVJob, _ s: WebSession, filter: String?) -> Response {
        let lang = s.language
        var data: [String: Any] = [
            "id": job.id, "filename": job.filename, "done": job.done, "total": job.total, "finished": job.finished,
            "percent": job.total == 0 ? 100 : job.done * 100 / job.total, "encoding": job.encoding.rawValue, "platform": job.platform,
        ]
        if let (read, of) = job.indexRead {
            // Reading the lookup index: its own step, shown on the same bar, before the first order.
            data["preparing"] = true
            data["done"] = read
            data["total"] = of
            data["percent"] = of == 0 ? 100 : read * 100 / of
        }
        if let failure = job.failure { data["error"] = failure.text(lang) }
        if job.finished, job.failure == nil {
            let chosen = filter.flatMap { $0 == "error" ? nil : ScreeningDecision(name: $0) }
            let wantsErrors = filter == "error"
            // By default the orders to act on; `?decision=` shows one decision (or the unreadable ones).
            let shown = job.rows.filter { row in
                if wantsErrors { return row.decision == nil }
                if let chosen { return row.decision == chosen }
                return row.decision != .pass
            }
            let limit = 2_000
            data["rows"] = shown.prefix(limit).map { r -> [String: Any] in
                ["line": r.line, "reference": r.reference, "decision": r.decision?.label.text(lang) ?? WebText.text(.csvUnreadable, lang),
                 "decisionName": r.decision?.name ?? "error", "score": r.score.map(String.init) ?? "", "summary": r.summary.text(lang)]
            }
            data["hasRows"] = !shown.isEmpty
            data["more"] = shown.count > limit ? shown.count - limit : 0
            data["hasMore"] = shown.count > limit
            data["filters"] = ([("", WebText.text(.csvToActOn, lang))] + ScreeningDecision.allCases.reversed().map { ($0.name, $0.label.text(lang)) }
                + [("error", WebText.text(.csvUnreadable, lang))]).map { value, label -> [String: Any] in
                let count = value == "" ? job.rows.count(where: { $0.decision != .pass }) : value == "error" ? job.unscreenable
                    : job.tally[ScreeningDecision(name: value) ?? .pass] ?? 0
                return ["value": value, "label": label, "count": count, "selected": value == (filter ?? "")]
            }
        }
        return page("csv/csv-job", title: .csvTitle, session: s, data: data, refresh: !job.finished)
    }

    /// The uploaded file's name without its folder and extension, in characters safe in a header.
    static func safeFilename(_ name: String?) -> String {
        let base = (name ?? "orders").split(separator: "/").last.map(String.init) ?? "orders"
        let stem = base.hasSuffix(".csv") || base.hasSuffix(".CSV") ? String(base.dropLast(4)) : base
        let safe = String(stem.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains(Character($0)) || "-_.".unicodeScalars.contains($0)) })
        return safe.isEmpty ? "orders" : String(safe.prefix(60))
    }
}
