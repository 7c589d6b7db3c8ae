import Foundation

/// Character-level folding shared by every field normaliser.
///
/// Each function is total and pure: it never fails, it only folds. Field normalisers decide
/// afterwards whether what is left is a usable value.
public enum TextFolding {
    /// Every character that shops type where they mean a hyphen or dash between digits:
    /// ASCII hyphen-minus, the Unicode dashes, minus signs, the full-width and half-width forms,
    /// the katakana prolonged sound mark (ー, ｰ) and the box-drawing horizontal lines.
    public static let dashes: Set<Character> = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
        "\u{FE58}", "\u{FE63}", "\u{FF0D}", "\u{30FC}", "\u{FF70}", "\u{2500}", "\u{2501}", "\u{FE31}",
        "\u{FE32}", "\u{2043}", "\u{02D7}", "\u{1680}",
    ]

    /// Dashes that are unambiguous (not the prolonged sound mark ー/ｰ, which is a letter between kana).
    public static let unambiguousDashes: Set<Character> = dashes.subtracting(["\u{30FC}", "\u{FF70}"])

    /// NFKC after removing variation selectors (U+FE00–FE0F, U+E0100–E01EF), so that an
    /// Ideographic Variation Sequence folds to its base ideograph and compatibility ideographs
    /// (U+F900–FAFF, U+2F800–2FA1F) fold to their unified forms.
    ///
    /// Pure-ASCII input is returned as is (NFKC leaves ASCII unchanged), without a Foundation call.
    public static func nfkc(_ s: String) -> String {
        if isASCII(s) { return s }
        var fast: [Unicode.Scalar] = []
        fast.reserveCapacity(s.utf8.count)
        guard fastNFKC(s.unicodeScalars, into: &fast) else { return foundationNFKC(s) }
        var out = UTF8Builder(capacity: s.utf8.count)
        out.append(contentsOf: fast)
        return out.string
    }

    /// ``nfkc(_:)`` as an array of scalars, the form the field normalisers scan. Same result as
    /// `Array(nfkc(s).unicodeScalars)`, without building the intermediate string on the fast path.
    static func nfkcScalars(_ s: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.utf8.count)
        if fastNFKC(s.unicodeScalars, into: &out) { return out }
        return Array(foundationNFKC(s).unicodeScalars)
    }

    /// The full algorithm (Foundation), for inputs ``fastNFKC(_:into:)`` does not handle.
    static func foundationNFKC(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for u in s.unicodeScalars where !isVariationSelector(u) {
            scalars.append(u)
        }
        let folded = String(scalars).precomposedStringWithCompatibilityMapping
        // Foundation on Linux maps the half-width (han)dakuten ﾞ ﾟ to the combining U+3099/U+309A
        // without composing them with the kana before; canonical composition finishes NFKC.
        var result = folded
        if folded.unicodeScalars.contains(where: { $0.value == 0x3099 || $0.value == 0x309A }) {
            result = folded.precomposedStringWithCanonicalMapping
        }
        // Foundation on Linux leaves a precomposed Hangul LV syllable and a following trailing
        // consonant apart; Unicode's composition joins them (가 + ᆨ = 각).
        if result.unicodeScalars.contains(where: { (0x11A8...0x11C2).contains($0.value) }) {
            result = composeHangulLVT(result)
        }
        return result
    }

    /// Joins each Hangul LV syllable with a trailing consonant (U+11A8…U+11C2) right after it.
    static func composeHangulLVT(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0x11A8...0x11C2).contains(u.value), let last = out.last,
               (0xAC00...0xD7A3).contains(last.value), (last.value - 0xAC00) % 28 == 0,
               let joined = Unicode.Scalar(last.value + (u.value - 0x11A7)) {
                out.removeLast()
                out.append(joined)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// NFKC without Foundation for the scalars Japanese identity fields are made of: ASCII,
    /// CJK unified ideographs, kana, CJK punctuation, the usual dashes (all NFKC-stable), the
    /// full-width ASCII forms and U+3000 (mapped), half-width katakana (mapped) and the
    /// combining (han)dakuten (composed with the kana before). Returns false, so that the caller
    /// falls back to the full algorithm, as soon as any other scalar appears or a mark does not
    /// compose (`out` then holds a partial result). Variation selectors are dropped. The result
    /// is appended to `out`.
    ///
    /// With `spacingMarks`, the spacing (han)dakuten ゛゜ (U+309B, U+309C) are read as the
    /// combining ones U+3099, U+309A first (the kana reading rule), so that they compose too.
    static func fastNFKC<S: Sequence>(_ scalars: S, into out: inout [Unicode.Scalar], spacingMarks: Bool = false) -> Bool
    where S.Element == Unicode.Scalar {
        for u in scalars {
            let v = u.value
            var mapped: Unicode.Scalar
            switch v {
            case 0x309B where spacingMarks:
                mapped = "\u{3099}"
            case 0x309C where spacingMarks:
                mapped = "\u{309A}"
            case 0x00...0x7F, 0x3001...0x3029, 0x3030...0x3035, 0x3041...0x3096, 0x309D, 0x309E,
                 0x30A1...0x30FE, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x2F7FF,
                 0x2010, 0x2012...0x2015, 0x2212, 0x2500, 0x2501:
                out.append(u)
                continue
            case 0xFF01...0xFF5E:
                mapped = Unicode.Scalar(v - 0xFEE0)!
            case 0x3000:
                mapped = " "
            case 0xFF61...0xFF9F:
                mapped = halfwidthKatakana[Int(v - 0xFF61)]
            case 0xFE00...0xFE0F, 0xE0100...0xE01EF:
                continue
            case 0xF900...0xFAFF:
                // A compatibility ideograph: its singleton NFKC, when that is an ideograph.
                let m = compatibilityIdeographs[Int(v - 0xF900)]
                guard m != 0, let ideograph = Unicode.Scalar(m) else { return false }
                out.append(ideograph)
                continue
            case 0x2160...0x217F:
                // Roman numerals Ⅰ…ⅿ: NFKC spells them in ASCII letters (Ⅱ → II).
                out.append(contentsOf: romanNumerals[Int(v - 0x2160)])
                continue
            default:
                return false
            }
            if mapped.value == 0x3099 || mapped.value == 0x309A {
                // A (han)dakuten composes with the scalar before it (variation selectors skipped).
                guard let base = out.last, let composed = composeKana(base, mapped) else { return false }
                out[out.count - 1] = composed
                continue
            }
            out.append(mapped)
        }
        return true
    }

    /// NFKC of each compatibility ideograph U+F900…U+FAFF, computed once with Foundation: the
    /// unified ideograph it folds to (or itself, for the twelve unified ideographs of the block
    /// such as 﨑), 0 for unassigned code points. Ideographs are starters that never compose, so
    /// folding them one by one gives what NFKC of the whole string gives.
    static let compatibilityIdeographs: [UInt32] = (UInt32(0xF900)...0xFAFF).map { v in
        guard let u = Unicode.Scalar(v), u.properties.generalCategory == .otherLetter else { return 0 }
        let folded = Array(String(u).precomposedStringWithCompatibilityMapping.unicodeScalars)
        guard folded.count == 1 else { return 0 }
        let f = folded[0].value
        let isIdeograph = (0x3400...0x9FFF).contains(f) || (0x20000...0x2FFFF).contains(f) || f == v
        return isIdeograph ? f : 0
    }

    /// NFKC of U+2160…U+217F (Roman numerals), computed once with Foundation: ASCII letters.
    static let romanNumerals: [[Unicode.Scalar]] = (UInt32(0x2160)...0x217F).map { v in
        let folded = Array(String(Unicode.Scalar(v)!).precomposedStringWithCompatibilityMapping.unicodeScalars)
        precondition(folded.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }, "Roman numeral NFKC")
        return folded
    }

    /// NFKC of U+FF61…U+FF9F, in order (the last two are the combining U+3099 and U+309A).
    static let halfwidthKatakana: [Unicode.Scalar] = Array(
        "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u{3099}\u{309A}"
            .unicodeScalars)

    /// Canonical composition of a kana with U+3099 (dakuten) or U+309A (handakuten), or nil.
    static func composeKana(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> Unicode.Scalar? {
        let b = base.value
        let voiced = mark.value == 0x3099
        // か…ど / カ…ド: each voiced letter follows its base; っ/ッ shifts the pattern by one
        for start in [UInt32(0x304B), 0x30AB] where b >= start && b <= start + 0x1E {
            let k = b - start
            let isBase = k < 0x18 ? k % 2 == 0 : (k == 0x19 || k == 0x1B || k == 0x1D)
            guard voiced, isBase else { return nil }
            return Unicode.Scalar(b + 1)
        }
        // は…ほ / ハ…ホ: base, voiced (+1), semi-voiced (+2), in steps of three
        for start in [UInt32(0x306F), 0x30CF] where b >= start && b <= start + 0x0E {
            guard (b - start) % 3 == 0 else { return nil }
            return Unicode.Scalar(b + (voiced ? 1 : 2))
        }
        guard voiced else { return nil }
        switch b {
        case 0x3046: return "\u{3094}"  // う → ゔ
        case 0x309D: return "\u{309E}"  // ゝ → ゞ
        case 0x30A6: return "\u{30F4}"  // ウ → ヴ
        case 0x30EF...0x30F2: return Unicode.Scalar(b + 8)  // ワヰヱヲ → ヷヸヹヺ
        case 0x30FD: return "\u{30FE}"  // ヽ → ヾ
        default: return nil
        }
    }

    /// True when every byte of the string is ASCII.
    @inlinable
    public static func isASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 }
    }

    /// True for the scalars `dashes` lists (each of them is a single scalar).
    @inlinable
    public static func isDash(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x30FC, 0xFF70, 0x2500, 0x2501,
             0xFE31, 0xFE32, 0x2043, 0x02D7, 0x1680:
            return true
        default:
            return false
        }
    }

    /// True for Unicode white space (`Character.isWhitespace` of a single scalar), including
    /// U+3000 IDEOGRAPHIC SPACE and the line separators.
    @inlinable
    public static func isSpace(_ u: Unicode.Scalar) -> Bool {
        isWhiteSpace(u.value)
    }

    /// The Unicode White_Space property (`Unicode.Scalar.Properties.isWhitespace`), as a table:
    /// U+0009–000D, U+0020, U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000. The property is stable: Unicode has not changed this list since 6.3.
    @inlinable
    public static func isWhiteSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        if v < 0x1680 { return v == 0x85 || v == 0xA0 }
        switch v {
        case 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    @inlinable
    public static func isVariationSelector(_ u: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(u.value) || (0xE0100...0xE01EF).contains(u.value)
    }

    /// True for any Unicode whitespace, including the ideographic space U+3000.
    @inlinable
    public static func isSpace(_ c: Character) -> Bool { c.isWhitespace }

    /// Removes every whitespace character.
    public static func removingSpaces(_ s: String) -> String {
        String(s.filter { !$0.isWhitespace })
    }
}
