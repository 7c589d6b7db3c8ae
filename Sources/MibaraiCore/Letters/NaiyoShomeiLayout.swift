import Foundation

/// Lays a text out on 内容証明 sheets and checks a laid-out text against the rules:
/// - each character counts 1 (kana, kanji, digits, punctuation, half-width letters and digits);
/// - a pair of brackets counts 1, on the line of the opening bracket;
/// - squared unit signs (㎡, ㎏, ㌔ …) count 2;
/// - blank lines do not count toward the lines of a sheet;
/// - emoji, circled numbers (①), half-width katakana, control and private-use characters are refused.
/// Source of the rules: Japan Post, 内容証明 ご利用の条件 (post.japanpost.jp).
public struct NaiyoShomeiLayout: Sendable {
    public var format: NaiyoShomeiFormat

    public init(format: NaiyoShomeiFormat = .standard) { self.format = format }

    /// Wraps each paragraph at the line limit (never starting a line with 、。 or a closing bracket,
    /// never ending one with an opening bracket, keeping numbers whole) and cuts sheets at the line
    /// limit. Refuses characters a 内容証明 cannot carry.
    public func layOut(_ text: String) throws(NaiyoShomeiError) -> NaiyoShomeiDocument {
        let paragraphs = text.precomposedStringWithCanonicalMapping.split(separator: "\n", omittingEmptySubsequences: false)
        var counter = Counter()
        var lines: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let chars = Array(paragraph.trimmingTrailingSpaces())
            for ch in chars { try Self.checkAllowed(ch, line: index + 1) }
            if chars.isEmpty { lines.append(""); continue }
            var i = 0
            while i < chars.count {
                var line = ""
                var width = 0
                // Counted line by line: a bracket closed on a later line counts there too. Stricter
                // than the rule, so each line stands on its own when a clerk counts it.
                counter = Counter()
                var probe = counter
                var j = i
                while j < chars.count {
                    let w = probe.width(of: chars[j])
                    if width + w > format.charactersPerLine { break }
                    width += w
                    line.append(chars[j])
                    j += 1
                }
                if j < chars.count {
                    // A space in the second half of the line is the better break: a name, an
                    // account or an address written with spaces keeps its parts whole.
                    if !Self.isSpace(chars[j]), let space = chars[i..<j].lastIndex(where: Self.isSpace), space - i >= (j - i) / 2 {
                        line.removeLast(j - space - 1)
                        j = space + 1
                    }
                    // Keep numbers, amounts, dates and Latin words whole (12,800 / 1234-5678).
                    var k = j
                    while k > i, Self.isWordPart(chars[k - 1]), Self.isWordPart(chars[k]) { k -= 1 }
                    if k > i, k < j { line.removeLast(j - k); j = k }
                    // Kinsoku: the next line may not start with punctuation or a closing bracket; carry
                    // the last character over, and the one before it if that is one of them too.
                    while j - i > 1, Self.noLineStart.contains(chars[j]) || Self.closing.contains(chars[j]) {
                        j -= 1
                        line.removeLast()
                    }
                    // Nor may a line end with an opening bracket: it goes down with what it opens.
                    while j - i > 1, Self.opening.contains(chars[j - 1]) {
                        j -= 1
                        line.removeLast()
                    }
                }
                lines.append(String(Substring(line).trimmingTrailingSpaces()))
                // A wrapped line does not start with the spaces the break fell on.
                while j < chars.count, Self.isSpace(chars[j]) { j += 1 }
                i = j
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.contains(where: { !$0.isEmpty }) else { throw .empty }
        return NaiyoShomeiDocument(format: format, pages: paginate(lines))
    }

    /// Checks a text already laid out (sheets separated by a form feed, U+000C, on its own line)
    /// and returns it as a document, or says which line or sheet breaks the rules.
    public func check(_ laidOut: String) throws(NaiyoShomeiError) -> NaiyoShomeiDocument {
        var counter = Counter()
        var pages: [[String]] = [[]]
        var lineNumber = 0
        for raw in laidOut.precomposedStringWithCanonicalMapping.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw == "\u{0C}" { pages.append([]); continue }
            let line = String(raw.trimmingTrailingSpaces())
            var width = 0
            for ch in line {
                try Self.checkAllowed(ch, line: lineNumber)
                width += counter.width(of: ch)
            }
            if width > format.charactersPerLine {
                throw .lineTooLong(line: lineNumber, count: width, limit: format.charactersPerLine)
            }
            pages[pages.count - 1].append(line)
        }
        for (i, page) in pages.enumerated() {
            let n = page.filter { !$0.isEmpty }.count
            if n > format.linesPerPage { throw .pageTooLong(page: i + 1, lines: n, limit: format.linesPerPage) }
        }
        guard pages.joined().contains(where: { !$0.isEmpty }) else { throw .empty }
        return NaiyoShomeiDocument(format: format, pages: pages)
    }

    /// How many characters a line counts for, on its own.
    public static func count(_ line: String) -> Int {
        var counter = Counter()
        return line.precomposedStringWithCanonicalMapping.reduce(0) { $0 + counter.width(of: $1) }
    }

    private func paginate(_ lines: [String]) -> [[String]] {
        var pages: [[String]] = [[]]
        var filled = 0
        for line in lines {
            if line.isEmpty {
                if !pages[pages.count - 1].isEmpty { pages[pages.count - 1].append(line) }
                continue
            }
            if filled == format.linesPerPage {
                while pages[pages.count - 1].last?.isEmpty == true { pages[pages.count - 1].removeLast() }
                pages.append([])
                filled = 0
            }
            pages[pages.count - 1].append(line)
            filled += 1
        }
        return pages
    }

    static let opening: Set<Character> = ["（", "(", "「", "『", "【", "〔", "［", "[", "｛", "{", "〈", "《"]
    static let closing: Set<Character> = ["）", ")", "」", "』", "】", "〕", "］", "]", "｝", "}", "〉", "》"]
    static let noLineStart: Set<Character> = ["、", "。", "，", "．", ",", ".", "・", "：", "；", "！", "？", "ー", "々"]

    static func isSpace(_ ch: Character) -> Bool { ch == " " || ch == "\u{3000}" }

    /// Half-width letters, digits and the marks inside numbers: a break between two of them
    /// would split a word, an amount or a number.
    private static func isWordPart(_ ch: Character) -> Bool {
        guard ch.isASCII else { return false }
        return ch.isLetter || ch.isNumber || ch == "," || ch == "." || ch == "-" || ch == "@" || ch == "_"
    }

    private static func checkAllowed(_ ch: Character, line: Int) throws(NaiyoShomeiError) {
        for s in ch.unicodeScalars {
            let v = s.value
            let refused =
                (v < 0x20 && v != 0x09) || v == 0x7F
                || (0x2460...0x24FF).contains(v)   // ① … enclosed alphanumerics
                || (0x2776...0x2793).contains(v)   // ❶ … dingbat circled digits
                || (0x3200...0x32FF).contains(v)   // ㈱ ㊤ … enclosed CJK
                || (0xE000...0xF8FF).contains(v)   // private use
                || (0xFE00...0xFE0F).contains(v)   // variation selectors
                || (0xFF61...0xFF9F).contains(v)   // half-width katakana
                || v == 0x200D
                || v >= 0x1F000                    // emoji and pictographs
                || s.properties.isEmojiPresentation
            if refused { throw .forbiddenCharacter(line: line, scalar: s) }
        }
    }

    /// Counts characters across lines: a bracket pair counts once, where it opens.
    struct Counter {
        private var open = 0

        mutating func width(of ch: Character) -> Int {
            if NaiyoShomeiLayout.opening.contains(ch) { open += 1; return 1 }
            if NaiyoShomeiLayout.closing.contains(ch) {
                if open > 0 { open -= 1; return 0 }
                return 1
            }
            if let v = ch.unicodeScalars.first?.value, (0x3300...0x33FF).contains(v) { return 2 }
            return 1
        }
    }
}
