extension FederationLog {
    /// What this log says of each record `origin` published: its status (`withdrawn` once withdrawn).
    public func publishedStatuses(of origin: NodeID) -> [ReportID: ReportStatus] {
        var out: [ReportID: ReportStatus] = [:]
        for (key, record) in records where key.origin == origin { out[key.id] = record.status }
        return out
    }
}
