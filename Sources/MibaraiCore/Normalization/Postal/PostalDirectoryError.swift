import Foundation

/// Why the postal directory could not be built. Messages name the line number only, never the
/// line's content.
public struct PostalDirectoryError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    private enum Kind: Sendable, Equatable {
        case resourceMissing
        case unreadableResource
        case malformedLine(Int)
        case unknownMunicipality(Int)
    }

    private let kind: Kind

    static let resourceMissing = PostalDirectoryError(kind: .resourceMissing)
    static let unreadableResource = PostalDirectoryError(kind: .unreadableResource)
    static func malformedLine(_ line: Int) -> PostalDirectoryError { .init(kind: .malformedLine(line)) }
    static func unknownMunicipality(_ line: Int) -> PostalDirectoryError { .init(kind: .unknownMunicipality(line)) }

    /// The message in English.
    public var message: String {
        switch kind {
        case .resourceMissing: "the postal-code table postal.tsv is missing from the module's resources"
        case .unreadableResource: "the postal-code table postal.tsv could not be read as UTF-8"
        case .malformedLine(let n): "postal-code table line \(n) is malformed"
        case .unknownMunicipality(let n): "postal-code table line \(n) names a municipality that is not defined"
        }
    }

    /// The message in Japanese.
    public var messageJapanese: String {
        switch kind {
        case .resourceMissing: "郵便番号表 postal.tsv がモジュールのリソースにありません"
        case .unreadableResource: "郵便番号表 postal.tsv を UTF-8 として読めません"
        case .malformedLine(let n): "郵便番号表の \(n) 行目の形式が正しくありません"
        case .unknownMunicipality(let n): "郵便番号表の \(n) 行目が未定義の市区町村を参照しています"
        }
    }

    public var description: String { "\(message) / \(messageJapanese)" }
    public var errorDescription: String? { description }
}
