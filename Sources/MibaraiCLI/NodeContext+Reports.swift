import MibaraiCore
import MibaraiStore

extension NodeContext {
    /// Validates, blinds and stores a new or changed report; throws before anything is written.
    func save(_ report: Report, isNew: Bool, event: String) throws(CLIError) {
        let normalized = normalizer.normalize(report.identity)
        do {
            try report.validate(today: today, normalized: normalized)
        } catch {
            throw .data(error.message)
        }
        let blinded = BlindedRecord(report: report, origin: configuration.nodeID, normalized: normalized, blinder: blinder)
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

    func findReport(_ text: String) throws(CLIError) -> Report {
        do {
            guard let id = try database.resolveReportID(text), let r = try database.report(id) else {
                throw CLIError.noInput(ja: "報告が見つかりません: \(text)", en: "no report with id \(text)")
            }
            return r
        } catch let e as StoreError {
            throw .store(e)
        } catch let e as CLIError {
            throw e
        } catch {
            throw .software(ja: "\(error)", en: "\(error)")
        }
    }
}
