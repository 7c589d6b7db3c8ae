/// Reads CSV rows straight from UTF-8 bytes: the reading of CSV.swift's `CSVReader` (comma
/// delimiter, no trimming), one byte at a time instead of one Unicode scalar at a time, and each
/// cell made into a `String` once, from its bytes. The delimiters are ASCII, so a byte scan finds
/// them without decoding; a cell's bytes are always whole UTF-8 sequences of the (valid) text.
///
/// Written by hand because `mibarai check --csv` reads every byte of a day's export before it
/// screens anything, and the scalar-by-scalar reader was the larger part of that time. The rules:
/// - A row ends at LF, CR LF or a lone CR; the end of the text ends the last row. A text that
///   ends with a line end has no empty row after it; an empty line in the middle is a row of one
///   empty cell.
/// - A cell is quoted only when its first byte is `"`. Inside it, `""` is a quote, and a `"`
///   followed by a comma, a line end or the end of the text closes it. Any other `"` is kept as it
///   is and the cell stays quoted (CSV.swift drops the character after it instead). A quoted cell
///   the text ends inside ends with the text, and `unclosedQuoteAt` says where it began: every row
///   after it was swallowed into it, so the caller refuses the file rather than screen part of it.
/// - Everywhere else, `"` is an ordinary character.
/// ``CSVRowSplitter`` cuts a text by the same rules, so its pieces read as the whole does.
public enum CSVByteParser {
    static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    /// The rows of a text, and the offset of the `"` that opens a quoted cell the text ends inside.
    public struct Table: Sendable {
        public var rows: [[String]] = []
        public var unclosedQuoteAt: Int?
    }

    /// Every row of `utf8`, in order.
    public static func rows(_ utf8: UnsafeBufferPointer<UInt8>) -> [[String]] { read(utf8).rows }

    /// Every row of `utf8`, in order, and where an unclosed quoted cell began.
    public static func read(_ utf8: UnsafeBufferPointer<UInt8>) -> Table {
        var table = Table()
        var rows: [[String]] = []
        var row: [String] = []
        row.reserveCapacity(32)
        var i = 0
        let n = utf8.count
        var scratch: [UInt8] = []
        guard n > 0 else { return table }
        while true {
            // At the start of a cell.
            var endsRow = false
            if i < n && utf8[i] == quote {
                let opening = i
                i += 1
                scratch.removeAll(keepingCapacity: true)
                var segment = i
                while true {
                    guard i < n else {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[segment..<i]))
                        table.unclosedQuoteAt = opening
                        endsRow = true
                        break
                    }
                    if utf8[i] != quote { i += 1; continue }
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[segment..<i]))
                    let next: UInt8? = i + 1 < n ? utf8[i + 1] : nil
                    if next == quote {
                        scratch.append(quote)
                        i += 2
                        segment = i
                    } else if next == nil || next == comma || next == cr || next == lf {
                        i += 1
                        if next == comma { i += 1 } else { endsRow = true; i = afterLineEnd(utf8, i) }
                        break
                    } else {
                        // A stray quote inside a quoted cell: kept.
                        scratch.append(quote)
                        i += 1
                        segment = i
                    }
                }
                row.append(scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })
            } else {
                let start = i
                while i < n {
                    let c = utf8[i]
                    if c == comma || c == cr || c == lf { break }
                    i += 1
                }
                row.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<i]), as: UTF8.self))
                if i < n && utf8[i] == comma {
                    i += 1
                } else {
                    endsRow = true
                    i = afterLineEnd(utf8, i)
                }
            }
            if endsRow {
                rows.append(row)
                row.removeAll(keepingCapacity: true)
                if i >= n {
                    table.rows = rows
                    return table
                }
            }
        }
    }

    /// The offset after the line end at `i` (CR LF, CR or LF), or `i` at the end of the text.
    private static func afterLineEnd(_ utf8: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        guard i < utf8.count else { return i }
        if utf8[i] == cr, i + 1 < utf8.count, utf8[i + 1] == lf { return i + 2 }
        return i + 1
    }
}
