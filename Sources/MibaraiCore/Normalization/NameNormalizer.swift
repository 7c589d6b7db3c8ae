/// Kanji name → canonical string. See Protocol/normalization.md § name.
public enum NameNormalizer {
    /// The canonical name, or nil when nothing remains.
    ///
    /// NFKC (variation selectors removed), white space and middle dots removed, one trailing
    /// honorific removed (様, 殿, 御中 always; さま/サマ when not glued to a kana of the same
    /// script), variant kanji folded, ASCII letters upper-cased.
    public static func normalize(_ raw: String) -> String? {
        let folded = TextFolding.nfkcScalars(raw)
        // Scalars with white space kept as one marker, so the honorific rule can see it.
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(folded.count)
        for u in folded {
            if TextFolding.isSpace(u) {
                if let last = s.last, last != " " { s.append(" ") }
            } else if u == "\u{30FB}" {
                continue  // ・ between the parts of a foreign name
            } else {
                s.append(u)
            }
        }
        while s.last == " " { s.removeLast() }
        stripHonorifics(&s)

        var out = UTF8Builder(capacity: s.count * 3)
        for u in s where u != " " {
            if u.value >= 0x61, u.value <= 0x7A {
                out.append(Unicode.Scalar(u.value - 0x20)!)
            } else {
                out.append(VariantKanji.representative(of: u))
            }
        }
        return out.isEmpty ? nil : out.string
    }

    /// Removes trailing honorifics (and the spaces before them) as long as one is found.
    static func stripHonorifics(_ s: inout [Unicode.Scalar]) {
        while true {
            if let last = s.last, last == "様" || last == "殿" {
                s.removeLast()
            } else if s.count >= 2, s[s.count - 2] == "御", s[s.count - 1] == "中" {
                s.removeLast(2)
            } else if endsWith(s, "さ", "ま"), s.count == 2 || !Kana.isHiragana(s[s.count - 3]) {
                s.removeLast(2)
            } else if endsWith(s, "サ", "マ"), s.count == 2 || !Kana.isKatakana(s[s.count - 3]) {
                s.removeLast(2)
            } else {
                return
            }
            while s.last == " " { s.removeLast() }
        }
    }

    /// True when `s` ends with the two scalars `a b`.
    private static func endsWith(_ s: [Unicode.Scalar], _ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        s.count >= 2 && s[s.count - 2] == a && s[s.count - 1] == b
    }
}
