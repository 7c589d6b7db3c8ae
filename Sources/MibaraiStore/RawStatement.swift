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
///
/// Stepping here skips GRDB's own bookkeeping around a statement: transaction observers and
/// database regions are not told of these writes (nothing in this project observes the
/// database), and a statement that fails stays in the cache (it is reset, so it can run again).
struct RawStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    /// Only inside a transaction: the writes are the caller's transaction's.
    init(_ db: Database, sql: String) throws {
        precondition(db.isInsideTransaction, "RawStatement outside a transaction")
        statement = try db.cachedStatement(sql: sql)
    }

    // A bind fails only on a wrong index or an oversized value: a programming error, reported by
    // `run` (the first failure is kept).
    private var bindFailure: Int32 = SQLITE_OK

    mutating func bind(_ index: Int32, _ value: Int64) {
        note(sqlite3_bind_int64(handle, index, value))
    }

    mutating func bind(_ index: Int32, _ value: String) {
        var value = value
        let code = value.withUTF8 { utf8 in
            // An empty string is text, not NULL: never pass a nil pointer.
            utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, index, chars.baseAddress ?? Self.empty, Int32(chars.count), Self.transient)
            }
        }
        note(code)
    }

    mutating func bind(_ index: Int32, bytes: some ContiguousBytes) {
        let code = bytes.withUnsafeBytes { raw in
            // A zero-length blob is a blob, not NULL.
            sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(Self.empty), Int32(raw.count), Self.transient)
        }
        note(code)
    }

    private mutating func note(_ code: Int32) {
        if code != SQLITE_OK && bindFailure == SQLITE_OK { bindFailure = code }
    }

    /// Runs the bound statement; returns the rows it changed.
    @discardableResult
    mutating func run(_ db: Database) throws -> Int {
        if bindFailure != SQLITE_OK {
            let code = bindFailure
            bindFailure = SQLITE_OK
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind a value", sql: statement.sql)
        }
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

    /// One NUL byte that lives as long as the process: the pointer bound for an empty value.
    nonisolated(unsafe) private static let empty: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// SQLite copies the value before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
