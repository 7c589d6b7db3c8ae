import Crypto

/// What a node appends to its own log so that the log says what its blinded records say: a
/// `publish` for a record not yet published, a `status` for a changed status, a `withdraw` for a
/// record withdrawn or gone (erased, expired and purged, or blinded again under a new epoch).
/// Pure: the caller reads both sides and signs the bodies in order.
///
/// A record is published under its **publication id**, derived from the report id and the epoch
/// of its tokens (`publicationID`): when a new epoch's key arrives and the node blinds its reports
/// again, each becomes a new publication and the old epoch's one is withdrawn, so every node
/// replaces the old tokens with the new ones. The report id itself never leaves the node.
public enum OwnLogPlan {
    public static let publicationDomain: [UInt8] = Array("mibarai/publication-id/v1".utf8) + [0]

    /// The first 16 bytes of `SHA-256(domain || report id || epoch u32 big-endian)`.
    public static func publicationID(report: ReportID, epoch: UInt32) -> ReportID {
        var bytes = publicationDomain + report.bytes
        bytes += [UInt8(epoch >> 24), UInt8(truncatingIfNeeded: epoch >> 16), UInt8(truncatingIfNeeded: epoch >> 8), UInt8(truncatingIfNeeded: epoch)]
        return ReportID(bytes: Array(SHA256.hash(data: bytes).prefix(16)))!
    }

    /// `current`: the node's own blinded records now, under their report ids. `published`: what
    /// its log says of each publication id it ever published (`withdrawn` once withdrawn).
    /// Ordered by publication id, so two runs over the same state sign the same sequence.
    public static func bodies(current: [BlindedRecord], published: [ReportID: ReportStatus]) -> [LogBody] {
        var out: [LogBody] = []
        var live = Set<ReportID>()
        let byPublication = current.map { r -> BlindedRecord in
            var p = r
            p.header.id = publicationID(report: r.id, epoch: r.epoch)
            return p
        }
        for r in byPublication.sorted(by: { $0.id.bytes.lexicographicallyPrecedes($1.id.bytes) }) {
            live.insert(r.id)
            switch published[r.id] {
            case nil:
                guard r.status != .withdrawn, let p = RecordPublication(record: r) else { continue }
                out.append(.publish(p))
            case .withdrawn?:
                // A publication once withdrawn is never published again.
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
        where status != .withdrawn && !live.contains(id) {
            out.append(.withdraw(id))
        }
        return out
    }
}
