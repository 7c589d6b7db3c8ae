/// Why a table shipped in the module's resources cannot be used. A struct around a private enum;
/// the message names the file and a line number, never a line's content.
public struct BundledTableError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedFailure {
    private enum Kind: Hashable, Sendable {
        case missing(String), unreadable(String), malformed(String, line: Int), empty(String)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    static func missing(_ file: String) -> Self { Self(.missing(file)) }
    static func unreadable(_ file: String) -> Self { Self(.unreadable(file)) }
    static func malformed(_ file: String, line: Int) -> Self { Self(.malformed(file, line: line)) }
    static func empty(_ file: String) -> Self { Self(.empty(file)) }

    public var message: Localized {
        switch kind {
        case .missing(let f):
            Localized(ja: "同梱の表 \(f) が見つかりません (インストールを確認してください)。", en: "the bundled table \(f) is missing (check the installation).")
        case .unreadable(let f):
            Localized(ja: "同梱の表 \(f) を UTF-8 として読めません。", en: "the bundled table \(f) cannot be read as UTF-8.")
        case .malformed(let f, let n):
            Localized(ja: "同梱の表 \(f) の \(n) 行目の形式が正しくありません。", en: "line \(n) of the bundled table \(f) is malformed.")
        case .empty(let f):
            Localized(ja: "同梱の表 \(f) が空です。", en: "the bundled table \(f) is empty.")
        }
    }

    public var description: String { message.en }

    var isMissing: Bool {
        if case .missing = kind { return true }
        return false
    }
}
