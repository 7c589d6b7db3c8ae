import Foundation
import GRDB
import MibaraiCore

/// The node's SQLite file: its own reports (with the raw identity) and the blinded records it
/// matches against (its own, and later those gossiped from other nodes).
///
/// The writer is private; every public method is one transaction. Migrations are append-only:
/// never edit one that has shipped, add a new one.
public struct AppDatabase: Sendable {
    private let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` in WAL mode and migrates it.
    public init(path: String) throws(StoreError) {
        try self.init(path: path, trace: nil)
    }

    /// `trace` hears every statement the connections run (tests that check what reaches SQLite).
    init(path: String, trace: (@Sendable (String) -> Void)?) throws(StoreError) {
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            config.busyMode = .timeout(5)
            config.prepareDatabase { db in
                // Memory bounded whatever the file holds: each connection has its own page cache
                // (16 MiB for a reader, at most 5 readers) and nothing is memory-mapped (mapped
                // pages of a hub's file would count in its resident memory, up to the file's size;
                // read through the page cache, the kernel's cache holds them instead). The WAL is
                // cut back to 64 MiB after each checkpoint instead of keeping its largest size.
                try db.execute(sql: "PRAGMA cache_size = -16384; PRAGMA mmap_size = 0; PRAGMA journal_size_limit = 67108864")
                // The one writer holds every page a transaction changes until it commits: a node
                // catching up writes several deltas in one, spread over the whole record table
                // and token index. 128 MiB at most, taken only as pages are used; a transaction
                // that needs more spills to the WAL.
                if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -131072") }
                if let trace { db.trace { trace($0.description) } }
            }
            writer = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(writer)
        } catch {
            throw StoreError.cannotOpen(path: path, underlying: error)
        }
    }

    /// Runs `body` in one write transaction, mapping database errors to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.write(body) } catch let e as StoreError { throw e } catch { throw StoreError.database(error) }
    }

    /// Like ``write(_:)``, and the commit is on the disk when it returns: SQLite syncs the WAL at
    /// this commit (`PRAGMA synchronous = FULL` for this transaction). Every other transaction
    /// keeps the connection's `NORMAL`, which in WAL mode survives a crash of the process but may
    /// lose the last commits to a power cut or a crash of the system.
    func durableWrite<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                var result: T?
                // Immediate, as every other write: a command writing the same file waits its turn.
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.corrupt("durable write without a result") }
                return result
            }
        } catch let e as StoreError { throw e } catch { throw StoreError.database(error) }
    }

    /// Runs `body` on the writer connection outside any transaction (for pragmas that must be set
    /// between transactions); `body` opens its own.
    func writeOutsideTransaction<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.writeWithoutTransaction(body) } catch let e as StoreError { throw e } catch { throw StoreError.database(error) }
    }

    /// Runs `body` in one read transaction.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch let e as StoreError { throw e } catch { throw StoreError.database(error) }
    }

    /// Runs `body` in one read transaction on one of the pool's reader threads; the caller
    /// suspends meanwhile instead of blocking its thread.
    func asyncRead<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await writer.read(body) } catch let e as StoreError { throw e } catch { throw StoreError.database(error) }
    }

    /// Runs `body` in one write transaction on the writer's queue; the caller suspends meanwhile
    /// instead of blocking its thread.
    func asyncWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await writer.write(body) } catch let e as StoreError { throw e } catch { throw StoreError.database(error) }
    }

    /// Copies the whole database, as one consistent snapshot, into a new file at `path` (SQLite's
    /// online backup, run inside one read transaction): commands and `serve` may go on writing
    /// meanwhile; the copy holds every transaction committed before it began and none after.
    public func backup(to path: String) throws(StoreError) {
        do {
            let destination = try DatabaseQueue(path: path)
            try writer.backup(to: destination)
            // One self-contained file (no -wal beside it); opened as the node's database it
            // turns back to WAL.
            try destination.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch {
            throw StoreError.database(error)
        }
    }
}
