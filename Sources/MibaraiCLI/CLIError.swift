import ArgumentParser
import MibaraiCore
import MibaraiStore

/// A command-line failure: a bilingual message (never containing identity values) and an exit
/// code from sysexits(3). Nothing has been changed when one is thrown.
package struct CLIError: Error, CustomStringConvertible {
    private enum Kind {
        case usage(Localized)
        case data(Localized)
        case noInput(Localized)
        case software(Localized)
        case cannotCreate(Localized)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    static func usage(ja: String, en: String) -> CLIError { CLIError(.usage(Localized(ja: ja, en: en))) }
    static func data(ja: String, en: String) -> CLIError { CLIError(.data(Localized(ja: ja, en: en))) }
    static func data(_ message: Localized) -> CLIError { CLIError(.data(message)) }
    static func noInput(ja: String, en: String) -> CLIError { CLIError(.noInput(Localized(ja: ja, en: en))) }
    static func software(ja: String, en: String) -> CLIError { CLIError(.software(Localized(ja: ja, en: en))) }
    static func cannotCreate(ja: String, en: String) -> CLIError { CLIError(.cannotCreate(Localized(ja: ja, en: en))) }

    static func store(_ e: StoreError) -> CLIError {
        e.isNotFound ? CLIError(.noInput(e.message)) : CLIError(.software(e.message))
    }

    var message: Localized {
        switch kind {
        case .usage(let m), .data(let m), .noInput(let m), .software(let m), .cannotCreate(let m): m
        }
    }

    /// EX_USAGE 64, EX_DATAERR 65, EX_NOINPUT 66, EX_SOFTWARE 70, EX_CANTCREAT 73.
    var exitCode: Int32 {
        switch kind {
        case .usage: 64
        case .data: 65
        case .noInput: 66
        case .software: 70
        case .cannotCreate: 73
        }
    }

    package var description: String { "エラー: \(message.ja)\nerror: \(message.en)" }
}

extension CLIError {
    /// Runs a command body, printing a thrown `CLIError` (both languages) and exiting with its code.
    static func guarded(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as CLIError {
            Console.stderr(e.description)
            throw ExitCode(e.exitCode)
        } catch let e as StoreError {
            let c = CLIError.store(e)
            Console.stderr(c.description)
            throw ExitCode(c.exitCode)
        } catch let e as any LocalizedFailure {
            let c = CLIError.data(e.message)
            Console.stderr(c.description)
            throw ExitCode(c.exitCode)
        } catch let e as ExitCode {
            throw e
        } catch {
            // Anything else (a file that cannot be written, an encoder failure): its type only,
            // since a message could quote input.
            let c = CLIError.software(ja: "予期しないエラー (\(type(of: error)))", en: "unexpected error (\(type(of: error)))")
            Console.stderr(c.description)
            throw ExitCode(c.exitCode)
        }
    }
}
