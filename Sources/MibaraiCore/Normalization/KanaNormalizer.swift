/// Kana reading → canonical full-width katakana without spaces. See Protocol/normalization.md § name_kana.
public enum KanaNormalizer {
    /// The canonical reading, or nil when nothing usable remains or when the field holds
    /// something other than kana (kanji, Latin letters, digits …).
    public static func normalize(_ raw: String) -> String? {
        // A spacing (han)dakuten ゛゜ becomes the combining one, so that NFKC composes it.
        var pre = String.UnicodeScalarView()
        for u in raw.unicodeScalars {
            switch u.value {
            case 0x309B: pre.append("\u{3099}")
            case 0x309C: pre.append("\u{309A}")
            default: pre.append(u)
            }
        }
        let folded = TextFolding.nfkc(String(pre))

        // Words separated by white space; each scalar folded to full-size katakana.
        var words: [[Unicode.Scalar]] = []
        var word: [Unicode.Scalar] = []
        for u in folded.unicodeScalars {
            if TextFolding.isSpace(u) || u == "\u{30FB}" || u == "=" {
                if !word.isEmpty { words.append(word); word = [] }
                continue
            }
            if TextFolding.isDash(u) {
                word.append(Kana.prolongedSoundMark)
                continue
            }
            var k = Kana.fullSize(Kana.katakana(u))
            if k == "\u{30FD}" || k == "\u{30FE}" {  // ヽ ヾ repeat the previous letter
                guard let prev = word.last, prev != Kana.prolongedSoundMark else { return nil }
                let base = Kana.unvoiced(prev)
                if k == "\u{30FE}" {
                    guard let v = Kana.voiced(base) else { return nil }
                    k = v
                } else {
                    k = base
                }
            }
            word.append(k)
        }
        if !word.isEmpty { words.append(word) }

        // A trailing honorific: a last word サマ/様/殿 on its own, or 様/殿 glued to the end.
        if words.count >= 2, let last = words.last, honorificWords.contains(last) {
            words.removeLast()
        }
        if var last = words.last, let end = last.last, end == "様" || end == "殿" {
            last.removeLast()
            words.removeLast()
            if !last.isEmpty { words.append(last) }
        }

        var out = String.UnicodeScalarView()
        var letters = 0
        for w in words {
            for u in w {
                if u == Kana.prolongedSoundMark {
                    out.append(u)
                    continue
                }
                guard Kana.isKatakana(u) else { return nil }
                letters += 1
                out.append(u)
            }
        }
        return letters == 0 ? nil : String(out)
    }

    /// Honorific readings dropped when they stand as the last, space-separated word.
    static let honorificWords: Set<[Unicode.Scalar]> = [
        Array("サマ".unicodeScalars), Array("様".unicodeScalars), Array("殿".unicodeScalars),
        Array("ドノ".unicodeScalars),
    ]
}
