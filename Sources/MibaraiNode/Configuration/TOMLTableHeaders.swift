/// Finds what TOMLKit's parser (toml++) cannot be given: a table header whose first key does not
/// start with a bare-key character or a quote (`[=]`, `[é]`, `[` at the end of a line), and a
/// `}` inside an array (`o = [}`, `o = [1, }`). toml++ asserts on them and the process aborts,
/// instead of reporting a syntax error; neither is valid TOML, so
/// ``NodeConfiguration/parse(_:)`` refuses the text first.
///
/// A small scan of the text's lexical structure: comments, the four kinds of strings and the
/// nesting of arrays and inline tables, so that a `[` inside a value or a string is not taken
/// for a header. Past the first construct toml++ itself refuses, the scan may misread the text;
/// it does not matter, since the parse fails there either way.
enum TOMLTableHeaders {
    /// The 1-based line of the first table header that does not start with a key, or of the first
    /// `}` whose innermost open bracket is an array's, if any.
    static func firstKeylessHeader(in text: String) -> Int? {
        let b = Array(text.utf8)
        let n = b.count
        var i = 0
        var line = 1
        /// The open `[` and `{` of values, innermost last.
        var open: [UInt8] = []
        var atLineStart = true
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        /// Whether `b[at...]` starts with three `q` bytes.
        func triple(_ q: UInt8, at: Int) -> Bool { at + 2 < n && b[at] == q && b[at + 1] == q && b[at + 2] == q }
        while i < n {
            let c = b[i]
            switch c {
            case 0x0A: // \n
                line += 1
                atLineStart = true
                i += 1
                continue
            case 0x20, 0x09, 0x0D: // space, tab, CR
                i += 1
                continue
            case 0x23: // # comment, to the end of the line
                while i < n && b[i] != 0x0A { i += 1 }
                continue
            case 0x5B where atLineStart && open.isEmpty: // [ opens a table header
                if !headerStartsWithKey(b, at: i) { return line }
                while i < n && b[i] != 0x0A { i += 1 }
                continue
            case 0x5B, 0x7B: // [ or { inside a value
                open.append(c)
            case 0x7D where open.last == 0x5B: // } inside an array
                return line
            case 0x5D, 0x7D: // ] or }
                _ = open.popLast()
            case 0x22, 0x27: // " or '
                if triple(c, at: i) {
                    // A multi-line string: to the next three quotes (escaped ones in basic strings skipped).
                    i += 3
                    while i < n && !triple(c, at: i) {
                        if b[i] == 0x0A { line += 1 }
                        i += c == 0x22 && b[i] == 0x5C ? 2 : 1
                    }
                    i += 3
                    // Up to two more quotes may close it (`""""` ends with a quote in the string).
                    while i < n && b[i] == c { i += 1 }
                } else {
                    // A one-line string: to the closing quote or the end of the line.
                    i += 1
                    while i < n && b[i] != c && b[i] != 0x0A {
                        i += c == 0x22 && b[i] == 0x5C && i + 1 < n && b[i + 1] != 0x0A ? 2 : 1
                    }
                    if i < n && b[i] == c { i += 1 }
                }
                atLineStart = false
                continue
            default:
                break
            }
            atLineStart = false
            i += 1
        }
        return nil
    }

    /// Whether the header at `b[at]` (a `[`) reaches a key, a quote or a `]` after its one or
    /// two brackets and any spaces or tabs, read as toml++ reads it. What toml++ refuses by
    /// itself (the end of the text, `[ [`, a blank header) counts as reaching a key.
    private static func headerStartsWithKey(_ b: [UInt8], at: Int) -> Bool {
        /// The offset after the spaces and tabs from `i`.
        func skipBlanks(_ i: Int) -> Int {
            var i = i
            while i < b.count && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
            return i
        }
        var i = skipBlanks(at + 1)
        guard i < b.count else { return true }
        if b[i] == 0x5B { // [[
            if i > at + 1 { return true } // `[ [`: toml++ says the brackets must be contiguous
            i = skipBlanks(i + 1)
            guard i < b.count else { return true }
        }
        let c = b[i]
        return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == 0x2D || c == 0x5F || c == 0x22 || c == 0x27 || c == 0x5D
    }
}
