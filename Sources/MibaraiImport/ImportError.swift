import MibaraiCore

/// Why a file of orders cannot be read at all (a single order that cannot be screened is a
/// ``OrderCSV/Group`` with a problem instead). A struct around a private enum; `message` is
/// bilingual and names the file and a line, never a cell's value.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedFailure {
    private enum Kind: Hashable, Sendable {
        case unknownEncoding(String), binary(String), noIdentityColumn(String), unclosedQuote(String, Int)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    static func unknownEncoding(_ name: String) -> Self { Self(.unknownEncoding(name)) }
    static func binary(_ name: String) -> Self { Self(.binary(name)) }
    static func noIdentityColumn(_ name: String) -> Self { Self(.noIdentityColumn(name)) }
    static func unclosedQuote(_ name: String, line: Int) -> Self { Self(.unclosedQuote(name, line)) }

    public var message: Localized {
        switch kind {
        case .unknownEncoding(let name):
            Localized(ja: "CSVの文字コードを判別できません (UTF-8 でも Shift_JIS でもない): \(name)",
                      en: "\(name) is neither UTF-8 nor Shift_JIS text")
        case .binary(let name):
            Localized(ja: "CSVではないファイルです: \(name)", en: "\(name) is not a CSV file (binary data)")
        case .noIdentityColumn(let name):
            Localized(ja: "CSVの見出しに照合できる列がありません (氏名, 住所, 電話番号, メールアドレス など): \(name)",
                      en: "no identity column in the header of \(name) (expected name, address, phone, email …)")
        case .unclosedQuote(let name, let line):
            Localized(ja: "\(name) の \(line) 行目で始まる引用符 (\") が閉じられていません。",
                      en: "a quoted cell that starts on line \(line) of \(name) is never closed")
        }
    }

    public var description: String { message.en }
}
