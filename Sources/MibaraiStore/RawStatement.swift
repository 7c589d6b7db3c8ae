import Foundation
import GRDB
import GRDBSQLite

/// A cached statement of the write paths that run once per log entry, record or token while a
/// node catches up, bound and stepped through SQLite's C functions.
///
/// GRDB's `execute(arguments:)` boxes every value as a `DatabaseValue` in a fresh array; on a
/// bootstrap of a million entries that was a large share of the writer's time (`perf`). This
/// binds integers, text and bytes straight from the caller's values. Written by hand: GRDB keeps
/// the connection and the statement cache; only binding and stepping happen here. The statement
/// is left reset with its bindings cleared, as GRDB expects to find it.
struct RawStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            _ = sqlite3_bind_text(handle, index, utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(utf8.count), Self.transient)
        }
    }

    func bind(_ index: Int32, bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { raw in
            // A zero-length blob is a blob, not NULL.
            _ = sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), Self.transient)
        }
    }

    /// Runs the bound statement; returns the rows it changed.
    @discardableResult
    func run(_ db: Database) throws -> Int {
        let code = sqlite3_step(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// SQLite copies the value before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
