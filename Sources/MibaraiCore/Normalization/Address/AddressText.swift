/// Scalar-level folding for addresses (Protocol/normalization.md § address, steps 1–2).
///
/// Works on `[Unicode.Scalar]`; the Foundation NFKC path is only taken for inputs that hold a
/// character outside the ranges folded here by hand (half-width katakana, compatibility
/// ideographs, Roman numerals, …).
enum AddressText {
    static let space: Unicode.Scalar = " "
    static let dash: Unicode.Scalar = "-"

    /// NFKC, every run of whitespace → one ASCII space (none at the ends), every dash → `-`
    /// (ー and ｰ only between two ASCII digits).
    static func prepare(_ raw: String) -> [Unicode.Scalar] {
        var folded: [Unicode.Scalar] = []
        folded.reserveCapacity(raw.utf8.count)  // ≥ the scalar count, without counting
        if !fastNFKC(raw, into: &folded) {
            folded = TextFolding.nfkcScalars(raw)
        }
        // Compacted in place: each folded scalar gives at most one output scalar, so the write
        // index `w` never passes the read index `k` (and `folded[k + 1]` is still unread).
        var w = 0
        var pendingSpace = false
        for k in folded.indices {
            let u = folded[k]
            if isSpace(u) {
                pendingSpace = w > 0
                continue
            }
            if pendingSpace { folded[w] = space; w += 1; pendingSpace = false }
            var o = u
            if u.value == 0x30FC || u.value == 0xFF70 {
                let before = w > 0 && isDigit(folded[w - 1])
                let after = k + 1 < folded.count && isDigit(folded[k + 1])
                o = before && after ? dash : u
            } else if isDash(u) {
                o = dash
            }
            folded[w] = o
            w += 1
        }
        folded.removeSubrange(w...)
        return folded
    }

    /// NFKC by hand for the common ranges; false when the input needs the full algorithm.
    private static func fastNFKC(_ raw: String, into out: inout [Unicode.Scalar]) -> Bool {
        for u in raw.unicodeScalars {
            let v = u.value
            switch v {
            case 0x00...0x7F, 0x3001...0x3007, 0x3012, 0x3041...0x3096, 0x309D...0x309E, 0x30A1...0x30FE,
                 0x3400...0x4DBF, 0x4E00...0x9FFF:
                out.append(u)
            case 0xFF01...0xFF5E:
                out.append(Unicode.Scalar(v - 0xFEE0)!)
            case 0x3000:
                out.append(space)
            case 0x2010, 0x2012...0x2015, 0x2212, 0x2500, 0x2501:
                out.append(u)
            case 0xFF70:
                // Half-width ｰ is ー under NFKC (a dash only between digits, below).
                out.append("\u{30FC}")
            default:
                if TextFolding.isVariationSelector(u) { continue }
                return false
            }
        }
        return true
    }

    @inline(__always) static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    @inline(__always) static func isSpace(_ u: Unicode.Scalar) -> Bool { TextFolding.isWhiteSpace(u.value) }

    static func isDash(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x2500, 0x2501, 0xFE31, 0xFE32, 0x2043, 0x02D7, 0x1680:
            true
        default:
            false
        }
    }

    /// CJK unified ideograph (or 々 / 〆), the script of place names.
    @inline(__always) static func isKanji(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3FFFF).contains(v)
            || v == 0x3005 || v == 0x3006
    }

    /// Value of a kanji digit 〇一…九 (0–9), or nil.
    @inline(__always) static func kanjiDigit(_ u: Unicode.Scalar) -> Int? {
        switch u {
        case "〇", "零": 0
        case "一": 1
        case "二": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    @inline(__always) static func kanjiMultiplier(_ u: Unicode.Scalar) -> Int? {
        switch u {
        case "十": 10
        case "百": 100
        case "千": 1000
        default: nil
        }
    }

    @inline(__always) static func isKanjiNumeral(_ u: Unicode.Scalar) -> Bool {
        kanjiDigit(u) != nil || kanjiMultiplier(u) != nil
    }

    /// The value of a run of kanji numerals: positional (二〇二八 = 2028) when it has no 十百千,
    /// else additive-multiplicative (二十八 = 28, 百五 = 105).
    static func kanjiNumberValue(_ run: ArraySlice<Unicode.Scalar>) -> Int {
        // Saturating: a run of absurd length (`九九九…九`) gives a huge number, never an overflow trap.
        func push(_ value: Int, _ digit: Int) -> Int { value >= kanjiNumberCeiling ? value : value * 10 + digit }
        if !run.contains(where: { kanjiMultiplier($0) != nil }) {
            return run.reduce(0) { push($0, kanjiDigit($1) ?? 0) }
        }
        var total = 0
        var current = 0
        for u in run {
            if let d = kanjiDigit(u) {
                current = push(current, d)
            } else if let m = kanjiMultiplier(u) {
                total = min(total + min(current == 0 ? 1 : current, kanjiNumberCeiling) * m, kanjiNumberCeiling)
                current = 0
            }
        }
        return min(total + current, kanjiNumberCeiling)
    }

    /// No block or town number comes near this; it bounds absurd input.
    static let kanjiNumberCeiling = 1_000_000_000_000
}
