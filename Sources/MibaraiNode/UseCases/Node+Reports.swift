import Foundation
import MibaraiCore
import MibaraiStore

extension Node {
    /// What a shop says of a new report; the node dates it, sets its expiry from the category's
    /// retention, validates, blinds and stores it.
    public struct ReportDraft: Sendable {
        public var identity: Identity
        public var category: ReportCategory
        public var amountYen: Int
        public var orderReference: String?
        public var orderDate: LocalDate?
        public var shipDate: LocalDate?
        /// Default: today.
        public var incidentDate: LocalDate?
        public var status: ReportStatus
        /// Kept on this node only.
        public var notes: String?

        public init(identity: Identity, category: ReportCategory, amountYen: Int = 0, orderReference: String? = nil,
                    orderDate: LocalDate? = nil, shipDate: LocalDate? = nil, incidentDate: LocalDate? = nil,
                    status: ReportStatus = .open, notes: String? = nil) {
            self.identity = identity
            self.category = category
            self.amountYen = amountYen
            self.orderReference = orderReference
            self.orderDate = orderDate
            self.shipDate = shipDate
            self.incidentDate = incidentDate
            self.status = status
            self.notes = notes
        }
    }

    /// Records a new report: validated, blinded and stored in one transaction (the gossip then
    /// publishes it). Throws before anything is written.
    public func recordReport(_ draft: ReportDraft) throws(NodeError) -> Report {
        guard draft.status != .withdrawn else {
            throw .usage(ja: "取下げ状態の報告は記録できません。", en: "a new report cannot be withdrawn.")
        }
        guard !draft.identity.isEmpty else {
            throw .usage(ja: "顧客の情報 (電話番号・メールアドレス・住所など) を指定してください。", en: "give the customer's details (phone, e-mail, address, …).")
        }
        if NodeMembershipFiles(directory: directory.url).isMember,
           !FileManager.default.fileExists(atPath: directory.file(NodeKeys.nodeKeyFile).path) {
            throw .noInput(
                ja: "このノードは連合に参加していますが、署名の鍵 \(NodeKeys.nodeKeyFile) がありません: \(directory.path)。報告を公開できないため記録しません。バックアップから \(NodeKeys.nodeKeyFile) を戻してください。",
                en: "this node has joined a federation but its signing key \(NodeKeys.nodeKeyFile) is missing in \(directory.path): a report could never be published, so none is recorded. Put \(NodeKeys.nodeKeyFile) back from a backup."
            )
        }
        let incident = draft.incidentDate ?? today
        let report = Report(
            identity: draft.identity, category: draft.category, amountYen: draft.amountYen,
            orderReference: draft.orderReference, orderDate: draft.orderDate, shipDate: draft.shipDate,
            incidentDate: incident, status: draft.status, notes: draft.notes, createdOn: today,
            expiresOn: configuration.retention.expiry(for: draft.category, incident: incident)
        )
        try save(report, isNew: true, event: "recorded")
        return report
    }

    /// Corrects a report (`change` edits it): a withdrawn report cannot change, a change of
    /// category or incident date moves the expiry, a change that changes nothing is refused, and
    /// the corrected report is validated, blinded again and stored in one transaction.
    public func correctReport(_ id: String, _ change: (inout Report) throws(NodeError) -> Void) throws(NodeError) -> Report {
        var r = try findReport(id)
        guard r.status != .withdrawn else {
            throw .usage(ja: "取り下げた報告は変更できません。", en: "a withdrawn report cannot be changed.")
        }
        let before = r
        try change(&r)
        guard r.status != .withdrawn else {
            throw .usage(ja: "取下げは `mibarai report withdraw` を使ってください。", en: "use `mibarai report withdraw` to withdraw a report.")
        }
        if r.category != before.category || r.incidentDate != before.incidentDate {
            r.expiresOn = configuration.retention.expiry(for: r.category, incident: r.incidentDate)
        }
        guard r != before else {
            throw .usage(ja: "変更する項目を指定してください。", en: "nothing to change: give at least one option.")
        }
        try save(r, isNew: false, event: r.status != before.status ? "status" : "corrected")
        return r
    }

    /// Withdraws a report: its blinded record carries no token any more, and the gossip withdraws
    /// it everywhere. `reason` is added to the notes (kept on this node only).
    public func withdrawReport(_ id: String, reason: String?) throws(NodeError) -> Report {
        var r = try findReport(id)
        guard r.status != .withdrawn else {
            throw .usage(ja: "この報告は既に取り下げ済みです。", en: "this report is already withdrawn.")
        }
        r.status = .withdrawn
        if let reason, !reason.isEmpty { r.notes = [r.notes, reason].compactMap { $0 }.joined(separator: "\n") }
        let blinded = blindedRecord(for: r, normalized: NormalizedIdentity())
        do { try database.update(r, blinded: blinded, on: today, event: "withdrawn") } catch { throw .store(error) }
        return r
    }

    /// Validates, blinds and stores a new or changed report; throws before anything is written.
    func save(_ report: Report, isNew: Bool, event: String) throws(NodeError) {
        let normalized = normalizer.normalize(report.identity)
        do {
            try report.validate(today: today, normalized: normalized)
        } catch {
            throw .data(error.message)
        }
        let blinded = blindedRecord(for: report, normalized: normalized)
        do {
            if isNew {
                try database.add(report, blinded: blinded, on: today)
            } else {
                try database.update(report, blinded: blinded, on: today, event: event)
            }
        } catch {
            throw .store(error)
        }
    }

    /// The newest reports (with this status), at most `limit` after the first `offset`, and how
    /// many there are in all.
    public func listReports(status: ReportStatus?, limit: Int, offset: Int = 0) throws(NodeError) -> (reports: [Report], total: Int) {
        do throws(StoreError) {
            return (try database.reports(status: status, limit: max(1, limit), offset: offset), try database.reportCount(status: status))
        } catch {
            throw .store(error)
        }
    }

    /// What happened to a report, oldest first: recorded, corrected, status changes, withdrawn.
    public func events(of id: ReportID) throws(NodeError) -> [(day: String, kind: String, detail: String?)] {
        do throws(StoreError) { return try database.events(of: id) } catch { throw .store(error) }
    }

    /// The report whose id (or unique prefix) is `text`.
    public func findReport(_ text: String) throws(NodeError) -> Report {
        let notFound = NodeError.noInput(ja: "報告が見つかりません: \(text)", en: "no report with id \(text)")
        let id: ReportID?
        do { id = try database.resolveReportID(text) } catch { throw .store(error) }
        guard let id else { throw notFound }
        let found: Report?
        do { found = try database.report(id) } catch { throw .store(error) }
        guard let found else { throw notFound }
        return found
    }
}
