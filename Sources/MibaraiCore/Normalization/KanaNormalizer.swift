/// Kana reading → canonical full-width katakana without spaces. See Protocol/normalization.md § name_kana.
public enum KanaNormalizer {
    /// The canonical reading, or nil when nothing usable remains or when the field holds
    /// something other than kana (kanji, Latin letters, digits …).
    public static func normalize(_ raw: String) -> String? {
        // A spacing (han)dakuten ゛゜ becomes the combining one, so that NFKC composes it.
        var folded: [Unicode.Scalar] = []
        folded.reserveCapacity(raw.utf8.count)
        if !TextFolding.fastNFKC(raw.unicodeScalars, into: &folded, spacingMarks: true) {
            var pre = String.UnicodeScalarView()
            for u in raw.unicodeScalars {
                switch u.value {
                case 0x309B: pre.append("\u{3099}")
                case 0x309C: pre.append("\u{309A}")
                default: pre.append(u)
                }
            }
            folded = Array(TextFolding.foundationNFKC(String(pre)).unicodeScalars)
        }

        // Words separated by white space; each scalar folded to full-size katakana. The words
        // are kept end to end in `letters`; `lastWord` is where the last word starts,
        // `previousWord` where the word before it starts, `wordCount` how many there are.
        var letters: [Unicode.Scalar] = []
        letters.reserveCapacity(folded.count)
        var wordCount = 0
        var lastWord = 0, previousWord = 0
        var inWord = false
        for u in folded {
            if TextFolding.isSpace(u) || u == "\u{30FB}" || u == "=" {
                inWord = false
                continue
            }
            if !inWord {
                inWord = true
                wordCount += 1
                previousWord = lastWord
                lastWord = letters.count
            }
            if TextFolding.isDash(u) {
                letters.append(Kana.prolongedSoundMark)
                continue
            }
            var k = Kana.fullSize(Kana.katakana(u))
            if k == "\u{30FD}" || k == "\u{30FE}" {  // ヽ ヾ repeat the previous letter of the word
                guard letters.count > lastWord, let prev = letters.last, prev != Kana.prolongedSoundMark
                else { return nil }
                let base = Kana.unvoiced(prev)
                if k == "\u{30FE}" {
                    guard let v = Kana.voiced(base) else { return nil }
                    k = v
                } else {
                    k = base
                }
            }
            letters.append(k)
        }

        // A trailing honorific: a last word サマ/様/殿/ドノ on its own, or 様/殿 glued to the end.
        if wordCount >= 2, isHonorificWord(letters[lastWord...]) {
            letters.removeSubrange(lastWord...)
            wordCount -= 1
            lastWord = previousWord
        }
        if wordCount >= 1, let end = letters.last, end == "様" || end == "殿" {
            letters.removeLast()
        }

        var out = UTF8Builder(capacity: letters.count * 3)
        var count = 0
        for u in letters {
            if u == Kana.prolongedSoundMark {
                out.append(u)
                continue
            }
            guard Kana.isKatakana(u) else { return nil }
            count += 1
            out.append(u)
        }
        return count == 0 ? nil : out.string
    }

    /// Honorific readings dropped when they stand as the last, space-separated word.
    static let honorificWords: [[Unicode.Scalar]] = [
        Array("サマ".unicodeScalars), Array("様".unicodeScalars), Array("殿".unicodeScalars),
        Array("ドノ".unicodeScalars),
    ]

    static func isHonorificWord(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        honorificWords.contains { $0.elementsEqual(word) }
    }
}
