extension FederationLog {
    /// Each record `origin` published, under its publication id, as this log says it is now
    /// (status `withdrawn` once withdrawn).
    public func publishedRecords(of origin: NodeID) -> [ReportID: BlindedRecord] {
        var out: [ReportID: BlindedRecord] = [:]
        for (key, record) in records where key.origin == origin { out[key.id] = record }
        return out
    }
}
