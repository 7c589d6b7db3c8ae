/// Finds where a CSV text can be cut into pieces that parse on their own: after a line feed
/// that ends a row, read by ``CSVByteParser``'s rules (a field is quoted only when it starts with
/// `"`; inside it, `""` is a quote, `"` before a comma or line end closes it, any other `"` is
/// kept). The delimiters are ASCII, so the scan runs over UTF-8 bytes.
public enum CSVRowSplitter {
    /// Offsets (into `utf8`) just after a row-ending line feed, about `pieces` apart in size,
    /// ascending, never 0 or the end. Empty when the text has too few rows to cut.
    public static func cuts(_ utf8: UnsafeBufferPointer<UInt8>, pieces: Int) -> [Int] {
        guard pieces > 1, utf8.count > 0 else { return [] }
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var cuts: [Int] = []
        var target = utf8.count / pieces
        var i = 0
        var fieldStart = true
        let n = utf8.count
        while i < n {
            let c = utf8[i]
            if fieldStart && c == quote {
                // A quoted field: up to the quote that closes it.
                i += 1
                var closed = false
                while i < n {
                    if utf8[i] == quote {
                        let next = i + 1 < n ? utf8[i + 1] : lf
                        if next == quote { i += 2; continue }
                        if next == comma || next == cr || next == lf {
                            closed = true
                            i += 1
                            break
                        }
                        // A stray quote: kept, and the cell stays quoted.
                        i += 1
                        continue
                    }
                    i += 1
                }
                if !closed { return cuts }
                fieldStart = false
                continue
            }
            if c == comma {
                fieldStart = true
            } else if c == lf {
                fieldStart = true
                if i + 1 >= target && i + 1 < n {
                    cuts.append(i + 1)
                    if cuts.count == pieces - 1 { return cuts }
                    target = (cuts.count + 1) * n / pieces
                }
            } else if c == cr {
                // CR LF is one line end; a lone CR ends the row too but is never a cut.
                fieldStart = true
            } else {
                fieldStart = false
            }
            i += 1
        }
        return cuts
    }
}
