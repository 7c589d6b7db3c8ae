import MibaraiCore

/// Japan Post's rules for a paper 内容証明, written here apart from `NaiyoShomeiLayout` so the
/// layout is checked against something it does not share code with:
/// - the official 横書き grids: 20字×26行, 13字×40行, 26字×20行 (per line, per sheet);
/// - a pair of brackets counts as one character, counted where it opens (its closing bracket,
///   on the same or a later line, counts nothing); a closing bracket with no opening one counts 1;
/// - a squared unit sign (㎡, ㎏, ㌔ …) counts as two;
/// - a blank line does not count toward a sheet's lines.
struct NaiyoShomeiGridChecker {
    /// The grids, as (characters a line, lines a sheet).
    static let grids: [(columns: Int, lines: Int)] = [(20, 26), (13, 40), (26, 20)]

    static let pairs: [Character: Character] = [
        "（": "）", "(": ")", "「": "」", "『": "』", "【": "】", "〔": "〕", "［": "］", "[": "]",
        "｛": "｝", "{": "}", "〈": "〉", "《": "》",
    ]

    let columns: Int
    let lines: Int

    /// The checker for the grid a layout format names ("20x26" is 20 characters × 26 lines).
    init?(format: NaiyoShomeiFormat) {
        guard let grid = Self.grids.first(where: { "\($0.columns)x\($0.lines)" == format.rawValue }) else { return nil }
        columns = grid.columns
        lines = grid.lines
    }

    init(columns: Int, lines: Int) {
        self.columns = columns
        self.lines = lines
    }

    /// What breaks the rules on these sheets (empty when they may be sent).
    func violations(_ sheets: [[String]]) -> [String] {
        var found: [String] = []
        var open: [Character] = []
        for (s, sheet) in sheets.enumerated() {
            let counted = sheet.filter { !$0.allSatisfy { $0 == " " || $0 == "\u{3000}" } }.count
            if counted > lines { found.append("sheet \(s + 1): \(counted) lines > \(lines)") }
            for (l, line) in sheet.enumerated() {
                let n = Self.count(line, open: &open)
                if n > columns { found.append("sheet \(s + 1) line \(l + 1): \(n) characters > \(columns): \(line)") }
            }
        }
        return found
    }

    /// Characters of one line; `open` carries the brackets still open from earlier lines.
    static func count(_ line: String, open: inout [Character]) -> Int {
        var n = 0
        for ch in line {
            if pairs[ch] != nil {
                open.append(ch)
                n += 1
            } else if let last = open.last, pairs[last] == ch {
                open.removeLast()
            } else if let v = ch.unicodeScalars.first?.value, (0x3300...0x33FF).contains(v) {
                n += 2
            } else {
                n += 1
            }
        }
        return n
    }

    static func count(_ line: String) -> Int {
        var open: [Character] = []
        return count(line, open: &open)
    }
}
