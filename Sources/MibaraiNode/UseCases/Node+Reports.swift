import MibaraiCore
import MibaraiStore

extension Node {
    /// Validates, blinds and stores a new or changed report; throws before anything is written.
    public func save(_ report: Report, isNew: Bool, event: String) throws(NodeError) {
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

    public func findReport(_ text: String) throws(NodeError) -> Report {
        do {
            guard let id = try database.resolveReportID(text), let r = try database.report(id) else {
                throw NodeError.noInput(ja: "報告が見つかりません: \(text)", en: "no report with id \(text)")
            }
            return r
        } catch let e as StoreError {
            throw .store(e)
        } catch let e as NodeError {
            throw e
        } catch {
            throw .software(ja: "\(error)", en: "\(error)")
        }
    }
}
