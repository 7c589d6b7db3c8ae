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
        var scalars = String.UnicodeScalarView()
        for u in s.unicodeScalars where !isVariationSelector(u) {
            scalars.append(u)
        }
        let folded = String(scalars).precomposedStringWithCompatibilityMapping
        // Foundation on Linux maps the half-width (han)dakuten ﾞ ﾟ to the combining U+3099/U+309A
        // without composing them with the kana before; canonical composition finishes NFKC.
        if folded.unicodeScalars.contains(where: { $0.value == 0x3099 || $0.value == 0x309A }) {
            return folded.precomposedStringWithCanonicalMapping
        }
        return folded
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
        u.properties.isWhitespace
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

    /// Trims whitespace at both ends and folds every inner run of whitespace to one ASCII space.
    public static func collapsingSpaces(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in s {
            if c.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(c)
            }
        }
        return out
    }

    /// Keeps only ASCII digits after NFKC (full-width digits become ASCII first).
    public static func asciiDigits(_ s: String) -> String {
        String(nfkc(s).filter { $0.isASCII && $0.isNumber })
    }
}
