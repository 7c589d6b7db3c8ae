extension FederationLog {
    /// Each record `origin` published, under its publication id, as this log says it is now
    /// (status `withdrawn` once withdrawn). With an archive, read back from the origin's entries:
    /// a node asks this of its own log, which holds its own reports only.
    public func publishedRecords(of origin: NodeID) throws -> [ReportID: BlindedRecord] {
        guard archive != nil else {
            var out: [ReportID: BlindedRecord] = [:]
            for (key, record) in records where key.origin == origin { out[key.id] = record }
            return out
        }
        let held = try heldEntries(of: origin, from: 1, through: vector[origin])
        guard held.count == Int(vector[origin]) else { throw LogArchiveShort(origin: origin, held: held.count) }
        let bodies = try held
            .filter(\.kind.changesRecord)
            .map { try $0.decodedBody(limits: limits) }
        return OwnLogPlan.applying(bodies, to: [:], origin: name(of: origin))
    }
}
