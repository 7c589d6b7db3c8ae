/// The matching key of a place name (prefecture, city, town, post office): the name with the
/// spellings that shops swap freely folded together. Used only to *find* a name in the postal
/// directory; the canonical address always carries the directory's own spelling.
///
/// Folds: spaces are skipped; ヶ ヵ が → ケ; の → ノ; old/variant kanji → the common form
/// (`variantKanji`); a run of kanji numerals → its value in ASCII digits (四十九 → 49).
struct PlaceKey {
    /// Folded scalar values.
    var key: [UInt32] = []
    /// `end[k]`: index in the source just after the scalar(s) that produced `key[k]`.
    var end: [Int] = []
    /// `boundary[k]`: a match may stop after `key[k]` (false inside a numeral run).
    var boundary: [Bool] = []

    /// Key of `source[start...]`, at most `limit` key scalars. With `numerals: false` kanji
    /// numerals are kept as they are (the spelling of a town the directory does not know).
    init(_ source: [Unicode.Scalar], from start: Int = 0, limit: Int = .max, numerals: Bool = true) {
        var i = start
        let n = source.count
        // One allocation per array: a key has at most one entry per source scalar, except that a
        // kanji numeral run may give more digits than scalars (十 → 10), hence the slack.
        let capacity = min(limit, n - start) + 4
        key.reserveCapacity(capacity)
        end.reserveCapacity(capacity)
        boundary.reserveCapacity(capacity)
        while i < n && key.count < limit {
            let u = source[i]
            if u == AddressText.space {
                i += 1
                continue
            }
            if numerals && AddressText.isKanjiNumeral(u) {
                var j = i
                while j < n && AddressText.isKanjiNumeral(source[j]) { j += 1 }
                // The value's decimal digits, most significant first; only the last one ends a match.
                let value = AddressText.kanjiNumberValue(source[i..<j])
                var divisor = 1
                while value / divisor >= 10 { divisor *= 10 }
                while divisor > 0 {
                    key.append(0x30 + UInt32(value / divisor % 10))
                    end.append(j)
                    boundary.append(divisor == 1)
                    divisor /= 10
                }
                i = j
                continue
            }
            key.append(Self.fold(u).value)
            end.append(i + 1)
            let nextIsDigit = i + 1 < n && AddressText.isDigit(source[i + 1])
            boundary.append(!(AddressText.isDigit(u) && nextIsDigit))
            i += 1
        }
    }

    /// The key of a whole directory name as a plain array.
    static func of(_ name: String) -> [UInt32] {
        PlaceKey(Array(name.unicodeScalars)).key
    }

    /// Folds one scalar.
    static func fold(_ u: Unicode.Scalar) -> Unicode.Scalar {
        switch u.value {
        case 0x30F6, 0x30F5, 0x304C: return "ケ"
        case 0x306E: return "ノ"
        default:
            let v = u.value
            guard v >= 0x4E00 else { return u }
            // Most kanji are no variant: the bitmap answers for the BMP without hashing.
            if v < 0x10000 && !variantKanjiKeys.contains(v) { return u }
            return variantKanji[u] ?? u
        }
    }

    /// Old or variant forms of kanji that occur in place names → the form in common use.
    /// Only for matching against the directory (both sides are folded the same way).
    static let variantKanji: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            ("冨", "富"), ("龍", "竜"), ("澤", "沢"), ("濱", "浜"), ("邊", "辺"), ("邉", "辺"), ("嶋", "島"),
            ("嶌", "島"), ("﨑", "崎"), ("嵜", "崎"), ("瀧", "滝"), ("國", "国"), ("齋", "斎"), ("齊", "斉"),
            ("櫻", "桜"), ("廣", "広"), ("槇", "槙"), ("萬", "万"), ("檜", "桧"), ("眞", "真"), ("藏", "蔵"),
            ("淵", "渕"), ("髙", "高"), ("舘", "館"), ("溪", "渓"), ("條", "条"), ("與", "与"), ("澁", "渋"),
            ("關", "関"), ("鐵", "鉄"), ("驛", "駅"), ("靑", "青"), ("兒", "児"), ("黑", "黒"), ("增", "増"),
            ("德", "徳"), ("惠", "恵"), ("榮", "栄"), ("縣", "県"), ("學", "学"), ("會", "会"), ("臺", "台"),
            ("莊", "荘"), ("豐", "豊"), ("寶", "宝"), ("壽", "寿"), ("樂", "楽"), ("鷗", "鴎"), ("鹽", "塩"),
            ("龜", "亀"), ("兩", "両"), ("穗", "穂"), ("圓", "円"), ("來", "来"), ("佛", "仏"), ("戶", "戸"),
            ("麥", "麦"), ("亞", "亜"), ("劍", "剣"), ("燒", "焼"), ("驒", "騨"), ("彌", "弥"), ("舊", "旧"),
            ("邨", "村"), ("峯", "峰"), ("嶽", "岳"), ("實", "実"), ("淺", "浅"), ("灣", "湾"),
            ("曾", "曽"), ("鄕", "郷"), ("驗", "験"), ("聰", "聡"), ("槪", "概"), ("祕", "秘"), 
            ("鶯", "鴬"), ("栁", "柳"), ("遙", "遥"), ("凜", "凛"), ("蘆", "芦"), ("蠣", "蛎"),
            ("鰺", "鯵"), ("籠", "篭"), ("搜", "捜"), ("硏", "研"), ("廳", "庁"), ("檢", "検"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (old, new) in pairs {
            let o = old.unicodeScalars.first!, n = new.unicodeScalars.first!
            map[o] = n
        }
        return map
    }()

    /// The keys of `variantKanji` in the BMP, so that most kanji skip the dictionary.
    static let variantKanjiKeys = ScalarBitmap(variantKanji.keys.map(\.value))

    /// FNV-1a over key scalars, seeded (the seed scopes a name to a municipality or a post area).
    @inline(__always) static func hashStep(_ h: UInt64, _ v: UInt32) -> UInt64 {
        (h ^ UInt64(v)) &* 0x100_0000_01B3
    }

    static let hashBasis: UInt64 = 0xCBF2_9CE4_8422_2325

    static func hash(_ key: [UInt32], seed: UInt64 = 0) -> UInt64 {
        var h = hashStep(hashBasis, UInt32(truncatingIfNeeded: seed))
        h = hashStep(h, UInt32(truncatingIfNeeded: seed >> 32))
        for v in key { h = hashStep(h, v) }
        return h
    }

    /// True when `name` is a prefix of this key and ends where a match may end.
    func hasPrefix(_ name: [UInt32]) -> Bool {
        guard !name.isEmpty, name.count <= key.count, boundary[name.count - 1] else { return false }
        for k in 0..<name.count where key[k] != name[k] { return false }
        return true
    }
}
