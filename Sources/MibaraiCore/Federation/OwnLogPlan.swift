/// What a node appends to its own log so that the log says what its blinded records say: a
/// `publish` for a record not yet published, a `status` for a changed status, a `withdraw` for a
/// record withdrawn or gone (erased, expired and purged). Pure: the caller reads both sides and
/// signs the bodies in order.
public enum OwnLogPlan {
    /// `current`: the node's own blinded records now. `published`: what its log says of each id
    /// it ever published (`withdrawn` once withdrawn). Ordered by report id, so two runs over the
    /// same state sign the same sequence.
    public static func bodies(current: [BlindedRecord], published: [ReportID: ReportStatus]) -> [LogBody] {
        var out: [LogBody] = []
        var seen = Set<ReportID>()
        for r in current.sorted(by: { $0.id.bytes.lexicographicallyPrecedes($1.id.bytes) }) {
            seen.insert(r.id)
            switch published[r.id] {
            case nil:
                guard r.status != .withdrawn, let p = RecordPublication(record: r) else { continue }
                out.append(.publish(p))
            case .withdrawn?:
                // An id once withdrawn is never published again.
                continue
            case let was?:
                if r.status == .withdrawn {
                    out.append(.withdraw(r.id))
                } else if r.status != was {
                    out.append(.status(r.id, r.status))
                }
            }
        }
        for (id, status) in published.sorted(by: { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) })
        where status != .withdrawn && !seen.contains(id) {
            out.append(.withdraw(id))
        }
        return out
    }
}
