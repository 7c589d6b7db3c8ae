import MibaraiCore

/// The node's file as its log's archive (`LogArchive`): the entries the node wrote with
/// `saveLogEntries`, read back when a peer asks for them or a new entry names a record.
public struct StoredLogArchive: LogArchive {
    let database: AppDatabase
    let limits: FederationLimits

    public init(database: AppDatabase, limits: FederationLimits) {
        self.database = database
        self.limits = limits
    }

    public func entries(of origin: NodeID, from: UInt64, through: UInt64) throws -> [LogEntry] {
        try database.logEntries(of: origin, from: from, through: through).map { try LogEntry(decoding: $0, limits: limits) }
    }

    public func recordEntries(of keys: [RecordKey]) throws -> [RecordKey: [LogEntry]] {
        let found = try database.logEntries(naming: keys.map { ($0.origin, $0.id) })
        var out: [RecordKey: [LogEntry]] = [:]
        for (key, bytes) in zip(keys, found) {
            out[key] = try bytes.map { try LogEntry(decoding: $0, limits: limits) }.filter(\.kind.changesRecord)
        }
        return out
    }

    public func recordEntries(of key: RecordKey) throws -> [LogEntry] {
        try database.logEntries(of: key.origin, naming: key.id)
            .map { try LogEntry(decoding: $0, limits: limits) }
            .filter(\.kind.changesRecord)
    }
}
