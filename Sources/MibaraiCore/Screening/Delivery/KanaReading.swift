/// Whether a kana reading can belong to a kanji name (rule `kana_mismatch`).
///
/// Without a dictionary of readings, only impossibilities are detected, never doubts:
/// - every kanji needs at least one kana and no name kanji reads longer than five
///   (志 こころざし, 承 うけたまわ), so the reading's length must lie between
///   `kanji + kana` and `5 × kanji + kana`, where `kana` counts the kana written in the name;
/// - the kana written in the name (田中さくら) must appear in the reading, in order.
/// Names with Latin letters or digits are not judged (their reading is a transliteration).
public enum KanaReading {
    /// True when `kana` (canonical, from `KanaNormalizer`) cannot be a reading of `name`
    /// (canonical, from `NameNormalizer`).
    public static func isImpossible(name: String, kana: String) -> Bool {
        var kanji = 0
        var nameKana: [Unicode.Scalar] = []
        for u in name.unicodeScalars {
            if isKanji(u) {
                kanji += 1
            } else if Kana.isHiragana(u) || Kana.isKatakana(u) {
                nameKana.append(Kana.fullSize(Kana.katakana(u)))
            } else if u.properties.isAlphabetic || (u.value >= 0x30 && u.value <= 0x39) {
                return false
            }
        }
        let reading = kana.unicodeScalars.map { Kana.fullSize($0) }
        if reading.isEmpty || (kanji == 0 && nameKana.isEmpty) { return false }
        if reading.count < kanji + nameKana.count || reading.count > 5 * kanji + nameKana.count { return true }
        var i = reading.startIndex
        for k in nameKana {
            guard let found = reading[i...].firstIndex(of: k) else { return true }
            i = found + 1
        }
        return false
    }

    /// CJK unified ideographs (with extension A and B+), compatibility ideographs, and 々 〆.
    static func isKanji(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3FFFF, 0x3005, 0x3006: true
        default: false
        }
    }
}
