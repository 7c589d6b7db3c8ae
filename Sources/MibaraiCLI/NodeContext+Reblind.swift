import MibaraiCore
import MibaraiStore

extension NodeContext {
    /// Blinds every live report again under this context's primary epoch key (after the node
    /// received the federation's key): the blinded records keep their ids, their tokens change.
    /// Withdrawn and expired reports are left out. Returns how many were re-blinded.
    @discardableResult
    func reblindOwnReports() throws(CLIError) -> Int {
        do {
            var records: [BlindedRecord] = []
            for r in try database.reports(limit: Int(Int32.max)) where r.status != .withdrawn && r.expiresOn >= today {
                records.append(BlindedRecord(report: r, origin: configuration.nodeID, normalized: normalizer.normalize(r.identity), blinder: blinder))
            }
            try database.store(records)
            return records.count
        } catch {
            throw .store(error)
        }
    }
}
