import MibaraiCore
import MibaraiStore

extension NodeContext {
    var dunning: DunningPolicy { configuration.dunning }

    func findCase(_ number: CaseNumber) throws(CLIError) -> DunningCase {
        let found: DunningCase?
        do { found = try database.dunningCase(number.value) } catch { throw .store(error) }
        guard let found else {
            throw .noInput(ja: "案件が見つかりません: \(number.value)", en: "no case number \(number.value)")
        }
        return found
    }

    /// The shop's details for letters and evidence, or a clear error when `[shop]` is not set.
    func shopProfile() throws(CLIError) -> ShopProfile {
        guard let shop = configuration.shop else {
            throw .data(
                ja: "店舗の情報がありません。\(directory.path)/mibarai.toml に [shop] (name, address, phone など) を書いてください。",
                en: "no shop details: add a [shop] section (name, address, phone, …) to \(directory.path)/mibarai.toml."
            )
        }
        return shop
    }

    /// Stores a changed case and carries out what it asked for (a linked report's status), in
    /// one transaction.
    func commit(_ c: DunningCase, actions: [CaseAction]) throws(CLIError) -> DunningCase {
        var linked: AppDatabase.LinkedReport?
        for action in actions {
            guard case .setReportStatus(let id, let status) = action else { continue }
            let existing: Report?
            do { existing = try database.report(id) } catch { throw .store(error) }
            // A report withdrawn or purged since keeps its state.
            guard var report = existing, report.status != .withdrawn, report.status != status else { continue }
            report.status = status
            let blinded = BlindedRecord(report: report, origin: configuration.nodeID, normalized: normalizer.normalize(report.identity), blinder: blinder)
            linked = AppDatabase.LinkedReport(report: report, blinded: blinded, isNew: false)
        }
        do { return try database.saveCase(c, report: linked, on: today) } catch { throw .store(error) }
    }

    /// Publishes a blinded report of what a case still owes and links it, in one transaction.
    func publishReport(for c: DunningCase, category: ReportCategory) throws(CLIError) -> (DunningCase, Report) {
        guard c.reportID == nil else {
            throw .data(ja: "この案件の報告はすでに公開されています: \(c.reportID!)", en: "this case already has a report: \(c.reportID!)")
        }
        guard !c.isClosed || c.outcome == .writtenOff else {
            throw .data(ja: "支払済・和解済の案件は報告できません。", en: "a paid or settled case cannot be reported.")
        }
        guard c.outstandingYen > 0 else { throw .data(CaseError.nothingOwed.message) }
        let incident = min(c.dueDate(policy: dunning), today)
        let report = Report(
            identity: c.identity, category: category, amountYen: c.outstandingYen, orderReference: c.order.reference,
            orderDate: c.order.orderDate, shipDate: c.order.shipDate, incidentDate: incident, status: .open,
            notes: "case \(c.number)", createdOn: today,
            expiresOn: configuration.retention.expiry(for: category, incident: incident)
        )
        let normalized = normalizer.normalize(report.identity)
        do { try report.validate(today: today, normalized: normalized) } catch { throw .data(error.message) }
        var updated = c
        if updated.isClosed {
            // A written-off case keeps its timeline closed; the link is kept without an event.
            updated = DunningCase(
                number: c.number, identity: c.identity, order: c.order, openedOn: c.openedOn,
                flaggedDeliberate: c.flaggedDeliberate, reportID: report.id, events: c.events
            )
        } else {
            do { try updated.linkReport(report.id, on: today, today: today) } catch { throw .data(error.message) }
        }
        let blinded = BlindedRecord(report: report, origin: configuration.nodeID, normalized: normalized, blinder: blinder)
        do {
            let saved = try database.saveCase(updated, report: AppDatabase.LinkedReport(report: report, blinded: blinded, isNew: true), on: today)
            return (saved, report)
        } catch {
            throw .store(error)
        }
    }
}
