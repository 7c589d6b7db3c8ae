import Foundation
import GRDB
import MibaraiCore

/// A storage failure. Messages name files and report ids, never identity values.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case cannotOpen(path: String, underlying: String)
        case database(String)
        case reportNotFound(String)
        case corrupt(String)
        case caseNotFound(Int)
        case caseChanged(Int)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    static func cannotOpen(path: String, underlying: any Error) -> StoreError {
        StoreError(.cannotOpen(path: path, underlying: String(describing: underlying)))
    }

    static func database(_ error: any Error) -> StoreError { StoreError(.database(Self.describe(error))) }
    static func reportNotFound(_ id: String) -> StoreError { StoreError(.reportNotFound(id)) }
    static func corrupt(_ what: String) -> StoreError { StoreError(.corrupt(what)) }
    static func caseNotFound(_ number: Int) -> StoreError { StoreError(.caseNotFound(number)) }
    static func caseChanged(_ number: Int) -> StoreError { StoreError(.caseChanged(number)) }

    /// True when the error means no report has the id asked for.
    public var isNotFound: Bool {
        switch kind {
        case .reportNotFound, .caseNotFound: true
        default: false
        }
    }

    public var message: Localized {
        switch kind {
        case .cannotOpen(let p, let u): Localized(ja: "データベースを開けません: \(p) (\(u))", en: "cannot open the database \(p): \(u)")
        case .database(let u): Localized(ja: "データベースのエラー: \(u)", en: "database error: \(u)")
        case .reportNotFound(let id): Localized(ja: "報告が見つかりません: \(id)", en: "no report with id \(id)")
        case .corrupt(let w): Localized(ja: "データベースの内容が壊れています: \(w)", en: "the database is corrupt: \(w)")
        case .caseNotFound(let n): Localized(ja: "案件が見つかりません: \(n)", en: "no case number \(n)")
        case .caseChanged(let n):
            Localized(ja: "案件 \(n) は読み込んだ後に別の操作で更新されました。もう一度実行してください。", en: "case \(n) was changed by another command meanwhile: run it again.")
        }
    }

    public var description: String { message.en }

    /// SQLite messages can quote SQL arguments; keep only the result code and the message.
    private static func describe(_ error: any Error) -> String {
        if let e = error as? DatabaseError {
            return "SQLite \(e.resultCode): \(e.message ?? "")"
        }
        return String(describing: type(of: error))
    }
}
