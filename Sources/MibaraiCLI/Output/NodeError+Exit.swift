import ArgumentParser
import MibaraiCore
import MibaraiNode
import MibaraiStore

extension NodeError {
    /// EX_USAGE 64, EX_DATAERR 65, EX_NOINPUT 66, EX_UNAVAILABLE 69, EX_SOFTWARE 70, EX_CANTCREAT 73.
    var exitCode: Int32 {
        switch category {
        case .usage: 64
        case .data: 65
        case .notFound: 66
        case .software: 70
        case .cannotCreate: 73
        case .unavailable: 69
        }
    }

    /// Runs a command body, printing a thrown error (both languages) and exiting with its code.
    static func guarded(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as ExitCode {
            throw e
        } catch {
            let e = NodeError.from(error)
            Console.stderr(e.description)
            throw ExitCode(e.exitCode)
        }
    }

    /// Any error as a ``NodeError``: a store's and a rule's keep their message; anything else (a
    /// file that cannot be written, an encoder failure) is named by its type only, since a
    /// message could quote input.
    static func from(_ error: any Error) -> NodeError {
        switch error {
        case let e as NodeError: e
        case let e as StoreError: .store(e)
        case let e as any LocalizedFailure: .data(e.message)
        default: .software(ja: "予期しないエラー (\(type(of: error)))", en: "unexpected error (\(type(of: error)))")
        }
    }
}
