import MibaraiCore
import MibaraiStore

extension Node {
    public var dunning: DunningPolicy { configuration.dunning }

    /// Erases personal data of cases closed longer ago than `keep_closed_days`.
    public func purgeClosedCases() throws(NodeError) {
        do { try database.purgeClosedCases(closedBefore: today.adding(days: -dunning.keepClosedDays), on: today) } catch { throw .store(error) }
    }

    public func findCase(_ number: Int) throws(NodeError) -> DunningCase {
        let found: DunningCase?
        do { found = try database.dunningCase(number) } catch { throw .store(error) }
        guard let found else {
            throw .noInput(ja: "案件が見つかりません: \(number)", en: "no case number \(number)")
        }
        return found
    }

    /// The shop's details for letters and evidence, or a clear error when `[shop]` is not set.
    public func shopProfile() throws(NodeError) -> ShopProfile {
        guard let shop = configuration.shop else {
            throw .data(
                ja: "店舗の情報がありません。\(directory.path)/mibarai.toml に [shop] (name, address, phone など) を書いてください。",
                en: "no shop details: add a [shop] section (name, address, phone, …) to \(directory.path)/mibarai.toml."
            )
        }
        return shop
    }

    /// Stores a changed case and carries out what it asked for (a linked report's status or
    /// amount), in one transaction.
    public func commit(_ c: DunningCase, actions: [CaseAction]) throws(NodeError) -> DunningCase {
        var linked: AppDatabase.LinkedReport?
        for action in actions {
            let id: ReportID
            var change: (inout Report) -> Void
            switch action {
            case .setReportStatus(let r, let status): id = r; change = { $0.status = status }
            case .setReportAmount(let r, let amount): id = r; change = { $0.amountYen = amount }
            case .offerReport, .closed: continue
            }
            let existing: Report?
            do { existing = try database.report(id) } catch { throw .store(error) }
            // A report withdrawn or purged since keeps its state.
            guard var report = existing, report.status != .withdrawn else { continue }
            change(&report)
            let blinded = blindedRecord(for: report)
            linked = AppDatabase.LinkedReport(report: report, blinded: blinded, isNew: false)
        }
        do { return try database.saveCase(c, report: linked, on: today) } catch { throw .store(error) }
    }

    /// Publishes a blinded report of what a case still owes and links it, in one transaction.
    public func publishReport(for c: DunningCase, category: ReportCategory) throws(NodeError) -> (DunningCase, Report) {
        var c = c
        // A report withdrawn (or expired and purged) since no longer stands for the case.
        if let linked = c.reportID {
            let existing: Report?
            do { existing = try database.report(linked) } catch { throw .store(error) }
            if existing == nil || existing?.status == .withdrawn { c.reportID = nil }
        }
        let report: Report
        do {
            report = try c.reportToPublish(category: category, policy: dunning, retention: configuration.retention, today: today)
        } catch {
            throw .data(error.message)
        }
        let normalized = normalizer.normalize(report.identity)
        do { try report.validate(today: today, normalized: normalized) } catch { throw .data(error.message) }
        var updated = c
        do { try updated.linkReport(report.id, on: today, today: today) } catch { throw .data(error.message) }
        let blinded = blindedRecord(for: report, normalized: normalized)
        do {
            let saved = try database.saveCase(updated, report: AppDatabase.LinkedReport(report: report, blinded: blinded, isNew: true), on: today)
            return (saved, report)
        } catch {
            throw .store(error)
        }
    }
}
