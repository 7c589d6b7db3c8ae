import Crypto

/// What a node appends to its own log so that the log says what its blinded records say: a
/// `publish` for a record not yet published, a `status` for a changed status, a `withdraw` then a
/// new `publish` for a record whose content changed (a corrected phone, amount, category or date:
/// its old tokens stop matching everywhere as the new ones start), a `withdraw` for a record
/// withdrawn or gone (erased, expired and purged, or blinded again under a new epoch). Pure: the
/// caller reads both sides and signs the bodies in order.
///
/// A record is published under a **publication id**, derived from the report id, the epoch of its
/// tokens and its revision (`publicationID`): when a new epoch's key arrives and the node blinds its
/// reports again, each becomes a new publication and the old epoch's one is withdrawn; when a
/// report is corrected, its next revision is published and the last one withdrawn. The report id
/// itself never leaves the node.
public enum OwnLogPlan {
    public static let publicationDomain: [UInt8] = Array("mibarai/publication-id/v1".utf8) + [0]

    /// The first 16 bytes of `SHA-256(domain || report id || epoch u32 big-endian)` for revision
    /// 0, and of `SHA-256(domain || report id || epoch u32 || revision u32)` for a later one.
    public static func publicationID(report: ReportID, epoch: UInt32, revision: UInt32 = 0) -> ReportID {
        var bytes = publicationDomain + report.bytes + bigEndian(epoch)
        if revision > 0 { bytes += bigEndian(revision) }
        return ReportID(bytes: Array(SHA256.hash(data: bytes).prefix(16)))!
    }

    private static func bigEndian(_ n: UInt32) -> [UInt8] {
        [UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
    }

    /// The latest revision of `report` under `epoch` that `published` holds, and its publication id.
    public static func latest(of report: ReportID, epoch: UInt32, in published: [ReportID: BlindedRecord]) -> (revision: UInt32, id: ReportID)? {
        var found: (revision: UInt32, id: ReportID)?
        var revision: UInt32 = 0
        while true {
            let id = publicationID(report: report, epoch: epoch, revision: revision)
            guard published[id] != nil else { return found }
            found = (revision, id)
            guard revision < .max else { return found }
            revision += 1
        }
    }

    /// Whether two records say the same apart from their id and status: the same tokens,
    /// category, amount, month and expiry.
    public static func sameContent(_ a: BlindedRecord, _ b: BlindedRecord) -> Bool {
        a.category == b.category && a.amountYen == b.amountYen && a.month == b.month && a.expiresOn == b.expiresOn
            && Set(a.tokens) == Set(b.tokens)
    }

    /// `current`: the node's own blinded records now, under their report ids. `published`: each
    /// record its log ever published, under its publication id (status `withdrawn` once
    /// withdrawn). Ordered by the records' first publication ids, so two runs over the same state
    /// sign the same sequence.
    public static func bodies(current: [BlindedRecord], published: [ReportID: BlindedRecord]) -> [LogBody] {
        var out: [LogBody] = []
        var live = Set<ReportID>()
        let ordered = current
            .map { (first: publicationID(report: $0.id, epoch: $0.epoch), record: $0) }
            .sorted { $0.first.bytes.lexicographicallyPrecedes($1.first.bytes) }
        for (first, r) in ordered {
            guard let (revision, id) = latest(of: r.id, epoch: r.epoch, in: published), let was = published[id] else {
                guard r.status != .withdrawn else { continue }
                var p = r
                p.header.id = first
                if let publication = RecordPublication(record: p) { out.append(.publish(publication)) }
                continue
            }
            live.insert(id)
            // A publication once withdrawn is never published again.
            guard was.status != .withdrawn else { continue }
            if r.status == .withdrawn {
                out.append(.withdraw(id))
            } else if !sameContent(r, was), revision < .max {
                // Corrected: the old tokens go, the new ones come, in this order in one batch.
                var p = r
                p.header.id = publicationID(report: r.id, epoch: r.epoch, revision: revision + 1)
                guard let publication = RecordPublication(record: p) else { continue }
                out.append(.withdraw(id))
                out.append(.publish(publication))
            } else if r.status != was.status {
                out.append(.status(id, r.status))
            }
        }
        for (id, record) in published.sorted(by: { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) })
        where record.status != .withdrawn && !live.contains(id) {
            out.append(.withdraw(id))
        }
        return out
    }
}
