/// Why a text cannot be sent as a 内容証明. Line numbers count from 1 in the text given.
public struct NaiyoShomeiError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case forbiddenCharacter(line: Int, scalar: UInt32)
        case lineTooLong(line: Int, count: Int, limit: Int)
        case pageTooLong(page: Int, lines: Int, limit: Int)
        case empty
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    static func forbiddenCharacter(line: Int, scalar: Unicode.Scalar) -> Self { Self(.forbiddenCharacter(line: line, scalar: scalar.value)) }
    static func lineTooLong(line: Int, count: Int, limit: Int) -> Self { Self(.lineTooLong(line: line, count: count, limit: limit)) }
    static func pageTooLong(page: Int, lines: Int, limit: Int) -> Self { Self(.pageTooLong(page: page, lines: lines, limit: limit)) }
    static let empty = Self(.empty)

    public var message: Localized {
        switch kind {
        case .forbiddenCharacter(let line, let scalar):
            let code = "U+" + String(scalar, radix: 16, uppercase: true)
            return Localized(
                ja: "\(line)行目の文字 (\(code)) は内容証明では使えないか、字数の数え方が紛らわしいため受け付けません。仮名・漢字・数字・一般的な記号と、固有名詞の英字を使い、丸数字や ㈱ は (1)、(株) のように書いてください。",
                en: "Line \(line) has a character (\(code)) that a 内容証明 cannot carry or that is counted ambiguously, so it is refused: use kana, kanji, digits, common symbols, and Latin letters only in proper nouns; write ① as (1) and ㈱ as (株)."
            )
        case .lineTooLong(let line, let count, let limit):
            return Localized(
                ja: "\(line)行目が\(count)字あります (上限 1行\(limit)字)。",
                en: "Line \(line) has \(count) characters (the limit is \(limit) a line)."
            )
        case .pageTooLong(let page, let lines, let limit):
            return Localized(
                ja: "\(page)枚目が\(lines)行あります (上限 1枚\(limit)行、空行は数えません)。",
                en: "Sheet \(page) has \(lines) lines (the limit is \(limit) a sheet; blank lines do not count)."
            )
        case .empty:
            return Localized(ja: "本文が空です。", en: "The text is empty.")
        }
    }

    public var description: String { message.en }
}
