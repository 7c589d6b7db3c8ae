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
    public static func nfkc(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for u in s.unicodeScalars where !isVariationSelector(u) {
            scalars.append(u)
        }
        return String(scalars).precomposedStringWithCompatibilityMapping
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
