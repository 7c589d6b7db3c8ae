/// Where a node keeps the entries its `FederationLog` has handed over (its SQLite file), read back
/// on demand. A log given an archive holds in memory only what the rules need — members, keys,
/// heads, the operator's state — and the entries not yet written; everything that grows with the
/// records held stays in the archive, so memory does not grow with them.
///
/// An archive holds verified entries only: what the log accepted and the caller wrote. Reads that
/// fail throw; the log then refuses the entry it was checking, and the peer offers it again later.
public protocol LogArchive: Sendable {
    /// The origin's entries `from` through `through`, oldest first, as many as it holds.
    func entries(of origin: NodeID, from: UInt64, through: UInt64) throws -> [LogEntry]
    /// The origin's `publish`, `status` and `withdraw` entries for record `id`, in seq order.
    func recordEntries(of key: RecordKey) throws -> [LogEntry]
    /// `recordEntries(of:)` for many records at once (one read, for a batch of entries).
    func recordEntries(of keys: [RecordKey]) throws -> [RecordKey: [LogEntry]]
}

extension LogArchive {
    public func recordEntries(of keys: [RecordKey]) throws -> [RecordKey: [LogEntry]] {
        var out: [RecordKey: [LogEntry]] = [:]
        for key in keys { out[key] = try recordEntries(of: key) }
        return out
    }
}
