import CSV
@testable import MibaraiImport
import MibaraiCore
import Testing

/// `CSVByteParser` reads order exports by bytes. CSV.swift's `CSVReader` is the reference: on
/// every well-formed text the two must give the same rows; where they differ by design (a stray
/// quote inside a quoted cell) the byte parser keeps every character. `CSVRowSplitter`'s pieces
/// must read exactly as the whole text does.
@Suite("CSV read by bytes")
struct CSVByteParserTests {
    static func byteRows(_ text: String) -> [[String]] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { CSVByteParser.rows($0) } ?? []
    }

    static func referenceRows(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    static func piecewiseRows(_ text: String, pieces: Int) -> (cuts: Int, rows: [[String]]) {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { utf8 in
            let cuts = CSVRowSplitter.cuts(utf8, pieces: pieces)
            let bounds = [0] + cuts + [utf8.count]
            var rows: [[String]] = []
            for k in 1..<bounds.count {
                rows += CSVByteParser.rows(UnsafeBufferPointer(rebasing: utf8[bounds[k - 1]..<bounds[k]]))
            }
            return (cuts.count, rows)
        } ?? (0, [])
    }

    /// By bytes: "\r\n" is one Character, and a lone CR or LF must be quoted too.
    static func needsQuotes(_ cell: String) -> Bool {
        cell.utf8.contains { b in b == 0x22 || b == 0x2C || b == 0x0D || b == 0x0A }
    }

    @Test(arguments: [
        "", "\n", "a", "a\n", "a,b", "a,b\n", "a,b,\n", "a,b,", ",", ",\n", "a\n\nb\n", "a\r\nb\r\n", "a\rb\r",
        "a\r\n\r\nb", "\"\"", "\"\",\"\"\n", "\"a\"\"b\",c\n", "\"line\nbreak\",\"comma,\"\r\n", "\"cr\rin\"\n",
        "x\"y,z\n", "\"unterminated", "\"ends\"", "\"ends\"\r", "\"ends\"\r\n", "氏名,住所\n山田 太郎,\"東京都,港区\"\n",
        "ｶﾅ,\"ア\"\"イ\"\n\u{FEFF}x,y",
    ])
    func sameRowsAsCSVSwift(_ text: String) throws {
        #expect(Self.byteRows(text) == (try Self.referenceRows(text)), "\(text.debugDescription)")
    }

    @Test func strayQuoteInsideAQuotedCellIsKept() {
        #expect(Self.byteRows("\"ab\"c,d\",e\nf\n") == [["ab\"c,d", "e"], ["f"]])
        #expect(Self.byteRows("\"a\"あ\"\n") == [["a\"あ"]])
    }

    /// Random tables of cells that need quoting, written with random line ends: the byte parser
    /// gives back the cells written, the same rows as CSV.swift, and the same rows when cut.
    @Test func randomTablesRoundTrip() throws {
        var random = SimulationRandom(seed: 0x4353_5621)
        let alphabet: [String] = ["a", "Z", "1", " ", "あ", "漢", "ｶ", "\"", ",", "\n", "\r", "\r\n", "😀", "\t"]
        for trial in 0..<300 {
            let rowCount = Int.random(in: 1...40, using: &random)
            var table: [[String]] = []
            var text = ""
            for r in 0..<rowCount {
                let cellCount = Int.random(in: 1...6, using: &random)
                var cells: [String] = []
                for _ in 0..<cellCount {
                    let length = Int.random(in: 0...8, using: &random)
                    cells.append((0..<length).map { _ in alphabet.randomElement(using: &random)! }.joined())
                }
                // A row of one empty cell would be written as an empty line: keep it but give it text.
                if cells == [""] { cells = ["e"] }
                table.append(cells)
                var written: [String] = []
                for cell in cells {
                    let quoted = Self.needsQuotes(cell) || Bool.random(using: &random)
                    written.append(quoted ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell)
                }
                text += written.joined(separator: ",")
                let ends = ["\n", "\r\n", "\r"]
                if r < rowCount - 1 || Bool.random(using: &random) { text += ends.randomElement(using: &random)! }
            }
            let rows = Self.byteRows(text)
            #expect(rows == table, "trial \(trial): \(text.debugDescription)")
            #expect(rows == (try Self.referenceRows(text)), "trial \(trial)")
            for pieces in [2, 3, 7] {
                #expect(Self.piecewiseRows(text, pieces: pieces).rows == rows, "trial \(trial), \(pieces) pieces")
            }
        }
    }

    /// Any text at all (stray quotes, unterminated cells), cut into pieces, reads as the whole.
    @Test func piecesReadAsTheWholeOnAnyText() {
        var random = SimulationRandom(seed: 0x5350_4C49)
        let alphabet: [String] = ["a", "あ", "\"", "\"\"", ",", "\n", "\r\n", "\r"]
        var cutSomewhere = 0
        for trial in 0..<500 {
            let text = (0..<Int.random(in: 0...120, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
            let whole = Self.byteRows(text)
            for pieces in [2, 4] {
                let (cuts, rows) = Self.piecewiseRows(text, pieces: pieces)
                cutSomewhere += cuts
                #expect(rows == whole, "trial \(trial), \(pieces) pieces: \(text.debugDescription)")
            }
        }
        #expect(cutSomewhere > 100)
    }
}

@Suite("Cell trimming")
struct CellTrimmingTests {
    /// The quick white-space test used when trimming cells agrees with Unicode's White_Space
    /// property on every scalar.
    @Test func whiteSpaceMatchesTheUnicodeProperty() {
        var checked = 0
        var disagreeing: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if OrderCSV.isWhitespace(u) != u.properties.isWhitespace { disagreeing.append("U+" + String(v, radix: 16)) }
            checked += 1
        }
        #expect(disagreeing.isEmpty)
        #expect(checked > 1_000_000)
    }
}
