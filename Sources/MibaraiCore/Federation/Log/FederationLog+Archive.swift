/// A log with an archive (`LogArchive`): what it keeps in memory, what it reads back, and how the
/// caller tells it what was written.
///
/// In memory stay the members and their keys, revocations, proofs, the operator's state, every
/// origin's head (seq, hash and last entry), answers and message ids — what grows with members
/// and the operator's log, not with records. An entry appended stays in memory until the caller
/// says it is written (`archived(_:)`), and so does the status it gives a record; after that both
/// are read back from the archive when a peer asks for the entry or a later entry names the record.
extension FederationLog {
    /// The origin's entries `from` through `through` (held ones only), oldest first: from memory,
    /// and from the archive for those only it holds. Throws when the archive cannot be read.
    func heldEntries(of origin: NodeID, from: UInt64, through: UInt64) throws -> [LogEntry] {
        let last = min(through, vector[origin])
        guard from >= 1, from <= last else { return [] }
        let base = chainBase[origin] ?? 0
        var out: [LogEntry] = []
        if from <= base, let archive {
            if from == last, let e = prefetchedEntries[origin]?[from] { return [e] }
            // Only the run from `from` without a gap, and nothing past the head.
            let read = try archive.entries(of: origin, from: from, through: min(last, base))
            for (i, e) in read.enumerated() {
                guard e.origin == origin, e.seq == from + UInt64(i) else { break }
                out.append(e)
            }
            guard out.count == Int(min(last, base) - from + 1) else { return out }
        }
        if last > base, let chain = chains[origin] {
            let start = Int(max(from, base + 1) - base - 1)
            out.append(contentsOf: chain[start..<Int(last - base)])
        }
        return out
    }

    /// Where record `key` stands in this log: nil if never published, `withdrawn` once withdrawn.
    public func recordStatus(of key: RecordKey) throws(EntryRefusal) -> ReportStatus? {
        guard let archive else { return records[key]?.status }
        if let pending = pendingStatuses[key] { return pending.status }
        if let prefetched = prefetchedStatuses[key] { return prefetched }
        let entries: [LogEntry]
        do { entries = try archive.recordEntries(of: key) } catch { throw .invalidBody("the held log could not be read") }
        return status(of: key, in: entries)
    }

    /// A record's status by its entries, oldest first. Only entries up to the origin's head
    /// count: a file can hold rows past it (a write that failed before a later one succeeded, a
    /// gap at start), which this log has not taken.
    func status(of key: RecordKey, in entries: [LogEntry]) -> ReportStatus? {
        var status: ReportStatus?
        let head = vector[key.origin]
        for e in entries where e.origin == key.origin && e.seq <= head {
            switch try? e.decodedBody(limits: limits) {
            case .publish(let p)? where p.id == key.id: status = p.status
            case .status(let id, let s)? where id == key.id: status = s
            case .withdraw(let id)? where id == key.id: status = .withdrawn
            default: break
            }
        }
        return status
    }

    /// Reads from the archive, at once, the status of every record `entries` name that the log
    /// does not have in memory: a batch from a peer then costs one read, not one per entry. A read
    /// that fails leaves them to be read one by one (and refused there if it fails again).
    mutating func prefetchStatuses(for entries: [LogEntry]) {
        guard let archive else { return }
        var keys = Set<RecordKey>()
        for e in entries where e.kind.changesRecord && e.body.count >= 16 {
            guard let id = ReportID(bytes: Array(e.body.prefix(16))) else { continue }
            let key = RecordKey(origin: e.origin, id: id)
            if pendingStatuses[key] == nil { keys.insert(key) }
        }
        if keys.count > 1, let found = try? archive.recordEntries(of: Array(keys)) {
            for key in keys { prefetchedStatuses[key] = status(of: key, in: found[key] ?? []) }
        }
        // Replays of entries only the archive holds (peers that send the same entries): one read
        // per origin for the batch's range, not one per entry.
        var ranges: [NodeID: ClosedRange<UInt64>] = [:]
        for e in entries where e.seq <= (chainBase[e.origin] ?? 0) && e.seq >= 1 {
            let r = ranges[e.origin]
            ranges[e.origin] = min(r?.lowerBound ?? e.seq, e.seq)...max(r?.upperBound ?? e.seq, e.seq)
        }
        for (origin, range) in ranges where range.count > 1 {
            guard let read = try? heldEntries(of: origin, from: range.lowerBound, through: range.upperBound) else { continue }
            prefetchedEntries[origin] = Dictionary(read.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Sets a record's status, published by the entry at `seq` (`record` for a publication).
    mutating func setRecord(_ key: RecordKey, status: ReportStatus, seq: UInt64, record: BlindedRecord? = nil) {
        guard archive == nil else {
            pendingStatuses[key] = (status, seq)
            return
        }
        if let record { records[key] = record } else { records[key]?.status = status }
    }

    /// Notes an appended entry: with an archive, it waits in memory until written; the origin's
    /// last entry is always kept (the next entry names its hash, a conflict needs it as proof).
    mutating func held(_ entry: LogEntry, restoring: Bool) {
        chains[entry.origin, default: []].append(entry)
        guard archive != nil else { return }
        if restoring {
            chains[entry.origin] = [entry]
            chainBase[entry.origin] = entry.seq - 1
        } else {
            unarchived[entry.origin, default: [:]][entry.seq] = entry.hash
        }
    }

    /// The caller has written these entries into the archive: the log stops keeping them (and the
    /// statuses they gave) in memory, up to the first entry of each origin still unwritten.
    public mutating func archived(_ entries: [LogEntry]) {
        guard archive != nil, !entries.isEmpty else { return }
        var origins = Set<NodeID>()
        for e in entries where unarchived[e.origin]?[e.seq] == e.hash {
            unarchived[e.origin]?[e.seq] = nil
            origins.insert(e.origin)
        }
        for origin in origins {
            let head = vector[origin]
            let firstUnwritten = unarchived[origin]?.keys.min() ?? head + 1
            if unarchived[origin]?.isEmpty == true { unarchived[origin] = nil }
            let base = chainBase[origin] ?? 0
            let newBase = min(firstUnwritten, head) - 1
            guard newBase > base else { continue }
            chains[origin]?.removeFirst(Int(newBase - base))
            chainBase[origin] = newBase
        }
        // A status stays in memory while the entry that set it is unwritten.
        pendingStatuses = pendingStatuses.filter { key, value in
            !origins.contains(key.origin) || unarchived[key.origin]?[value.seq] != nil
        }
    }

    /// Takes back an entry the archive holds, at start, in the archive's order (the operator's
    /// log first, then each origin's from seq 1). The entry was verified before it was written:
    /// its signature is not checked again, and what it says about a record is the archive's to
    /// answer (`recordStatus(of:)`), so nothing of it stays in memory but the origin's head; a
    /// record entry's body is not decoded again (a lowered limit is not applied to it). Other
    /// entries are refused as `append` would refuse them (a gap, a changed limit). Reads nothing
    /// from the archive (the caller may be reading it).
    public mutating func restore(_ entry: LogEntry) throws(EntryRefusal) {
        precondition(archive != nil, "restore(_:) is for a log with an archive")
        try append(entry, signatureVerified: true, restoring: true)
    }

    /// Entries this log holds in memory: all of them without an archive; with one, each
    /// origin's last and those not yet written.
    public var entriesInMemory: Int { chains.values.reduce(0) { $0 + $1.count } }

    /// After the last `restore(_:)`: the digests the gossip compares.
    public mutating func finishRestore() {
        refreshDigests(for: Array(vector.origins))
    }
}
