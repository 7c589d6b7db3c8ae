import Foundation

/// Scalar-level kana helpers shared by the name and kana normalisers.
public enum Kana {
    /// Hiragana letters ぁ…ゖ (U+3041–U+3096).
    @inlinable
    public static func isHiragana(_ u: Unicode.Scalar) -> Bool { (0x3041...0x3096).contains(u.value) }

    /// Katakana letters ァ…ヺ (U+30A1–U+30FA), the small katakana extension (U+31F0–U+31FF) and
    /// the iteration marks ヽ ヾ.
    @inlinable
    public static func isKatakana(_ u: Unicode.Scalar) -> Bool {
        (0x30A1...0x30FA).contains(u.value) || (0x31F0...0x31FF).contains(u.value)
            || u.value == 0x30FD || u.value == 0x30FE
    }

    /// The prolonged sound mark ー (U+30FC).
    public static let prolongedSoundMark: Unicode.Scalar = "\u{30FC}"

    /// Hiragana → katakana (ぁ…ゖ → ァ…ヶ, ゝゞ → ヽヾ); any other scalar is returned unchanged.
    @inlinable
    public static func katakana(_ u: Unicode.Scalar) -> Unicode.Scalar {
        switch u.value {
        case 0x3041...0x3096, 0x309D, 0x309E: Unicode.Scalar(u.value + 0x60)!
        default: u
        }
    }

    /// Small katakana → the full-size letter (ァ→ア, ッ→ツ, ャ→ヤ, ヮ→ワ, ヵ→カ, ヶ→ケ, ㇰ→ク …);
    /// any other scalar is returned unchanged.
    @inlinable
    public static func fullSize(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let v = u.value
        switch v {
        case 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE:
            return Unicode.Scalar(v + 1)!
        case 0x30F5: return "\u{30AB}"
        case 0x30F6: return "\u{30B1}"
        case 0x31F0...0x31FF: return smallExtension[Int(v - 0x31F0)]
        default: return u
        }
    }

    /// ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ → クシストヌハヒフヘホムラリルレロ.
    public static let smallExtension: [Unicode.Scalar] = Array("クシストヌハヒフヘホムラリルレロ".unicodeScalars)

    /// The voiced form of a katakana letter (カ→ガ, ウ→ヴ, ハ→バ), or nil when it has none.
    public static func voiced(_ u: Unicode.Scalar) -> Unicode.Scalar? {
        let composed = String(String.UnicodeScalarView([u, "\u{3099}"])).precomposedStringWithCanonicalMapping
        let scalars = composed.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    /// The unvoiced form of a voiced or semi-voiced katakana letter (ガ→カ, パ→ハ), else the letter.
    public static func unvoiced(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let decomposed = String(u).decomposedStringWithCanonicalMapping.unicodeScalars
        return decomposed.first ?? u
    }
}
