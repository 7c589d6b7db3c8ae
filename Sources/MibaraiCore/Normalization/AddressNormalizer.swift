/// Japanese address → canonical `prefecture|city|town|block|room`, or
/// `KYOKUDOME|prefecture|city|office` for a 局留め. See Protocol/normalization.md § address.
///
/// Pure and `Sendable`: it only reads the ``PostalDirectory`` it was built with.
public struct AddressNormalizer: Sendable {
    public let directory: PostalDirectory

    public init(directory: PostalDirectory) { self.directory = directory }

    /// Normalises one typed address.
    /// - Parameters:
    ///   - raw: the address as typed.
    ///   - postalCode: the postal code typed beside it, already normalised to seven ASCII digits.
    /// - Returns: nil when the address holds nothing usable (empty, only a building name, text
    ///   in which no municipality or town of the directory can be recognised).
    public func normalize(_ raw: String, postalCode: String?) -> NormalizedAddress? {
        let s = AddressText.prepare(raw)
        guard !s.isEmpty else { return nil }
        var i = 0
        let leading = Self.leadingPostalCode(s)
        i = leading.end
        var code: Int32?
        if let p = postalCode, p.utf8.count == 7 { code = Int32(p) }
        if code == nil { code = leading.code }

        // Prefecture.
        i = skipSpaces(s, i)
        var typedPrefecture: Int?
        let prefKey = PlaceKey(s, from: i, limit: 8)
        for (p, k) in directory.prefectureKeys.enumerated() where prefKey.hasPrefix(k) {
            typedPrefecture = p
            i = prefKey.end[k.count - 1]
            break
        }

        // Municipality: the code's, or the one typed.
        let codeAreas = code.map(directory.areaRange) ?? 0..<0
        var codeMunis: [Int32] = []
        for a in codeAreas where !codeMunis.contains(directory.area(a).municipality) {
            codeMunis.append(directory.area(a).municipality)
        }
        let prefixMunis = code.map { directory.municipalities(prefix: $0 / 10000) } ?? []
        var muni: Int32?
        var cityTyped = false
        i = skipSpaces(s, i)
        let cityKey = PlaceKey(s, from: i, limit: 24)
        let prefFilter: (Int32) -> Bool = { m in
            typedPrefecture == nil || directory.municipality(m).prefectureIndex == typedPrefecture
        }
        var ambiguousCities: [Int32] = []
        var typedCity: [UInt32] = []
        if let found = directory.longestCity(in: cityKey, accept: prefFilter) {
            typedCity = Array(cityKey.key[..<found.length])
            let pick = found.municipalities.first(where: codeMunis.contains)
                ?? found.municipalities.first(where: prefixMunis.contains)
                ?? (found.municipalities.count == 1 ? found.municipalities[0] : nil)
            if let pick {
                muni = pick
            } else {
                ambiguousCities = found.municipalities
            }
            cityTyped = true
            i = cityKey.end[found.length - 1]
        }

        if PostOfficeHold.isHold(s) {
            return hold(s, from: i, code: code, municipality: muni ?? (prefixMunis.count == 1 ? prefixMunis[0] : nil),
                        typedPrefecture: typedPrefecture)
        }

        // Town.
        i = skipSpaces(s, i)
        var townArea: Int?
        var unmatchedTown: [Unicode.Scalar] = []
        let candidates = muni.map { [$0] } ?? (ambiguousCities.isEmpty ? codeMunis : ambiguousCities)
        var townStarts = [i]
        if Self.starts(s, i, "大字") { townStarts.append(i + 2) } else if Self.starts(s, i, "字") { townStarts.append(i + 1) }
        // Kyoto: a street-and-direction part (烏丸通三条上ル) before the town is not the town, which
        // follows its last direction word; that start is tried first.
        if !candidates.isEmpty, candidates.allSatisfy({ directory.municipality($0).city.hasPrefix("京都市") }),
           let after = kyotoTownStart(s, from: i) {
            townStarts.insert(after, at: 0)
        }
        search: for start in townStarts {
            let key = PlaceKey(s, from: start, limit: 40)
            var best: (area: Int, length: Int)?
            for a in codeAreas {
                let area = directory.area(a)
                guard muni == nil || area.municipality == muni, key.hasPrefix(area.townKey) else { continue }
                if best == nil || area.townKey.count > best!.length { best = (a, area.townKey.count) }
            }
            if best == nil {
                var hits: [(area: Int, length: Int)] = []
                for m in candidates {
                    if let t = directory.longestTown(in: key, municipality: m) { hits.append(t) }
                }
                if hits.count == 1 || (muni != nil && !hits.isEmpty) { best = hits[0] }
            }
            if best == nil, let f = fuzzyTown(key, codeAreas: codeAreas, municipality: muni) { best = f }
            // With neither prefecture nor city typed, a town name must be followed by its block
            // numbers: 丸の内ビル is a building, not the town 丸の内.
            if let b = best, typedPrefecture == nil && !cityTyped {
                let after = skipSpaces(s, key.end[b.length - 1])
                if after < s.count && !AddressText.isDigit(s[after]) && !AddressText.isKanjiNumeral(s[after]) {
                    best = nil
                }
            }
            if let best {
                townArea = best.area
                i = key.end[best.length - 1]
                break search
            }
        }
        if townArea == nil, let last = townStarts.last {
            i = last
            let end = BlockParser.blockStart(s, from: i) ?? s.count
            unmatchedTown = PlaceKey(Array(s[i..<end]), numerals: false).key.compactMap(Unicode.Scalar.init)
            i = end
        }
        if let t = townArea { muni = directory.area(t).municipality }
        if muni == nil, codeMunis.count >= 1 { muni = codeMunis[0] }
        guard cityTyped || townArea != nil else { return nil }
        // The city name is shared by several municipalities and nothing else tells them apart:
        // keep the prefecture as typed (or none) and the city as typed.
        let prefecture: String, city: String
        if let m = muni {
            prefecture = directory.municipality(m).prefecture
            city = directory.municipality(m).city
        } else {
            prefecture = typedPrefecture.map(directory.prefecture) ?? ""
            city = String(String.UnicodeScalarView(typedCity.compactMap(Unicode.Scalar.init)))
        }

        // Blocks and room.
        let arity: Int
        if let t = townArea {
            arity = directory.area(t).usesChome ? 3 : 2
        } else if let first = codeAreas.first {
            arity = directory.area(first).usesChome ? 3 : 2
        } else {
            arity = 3
        }
        let blockFrom = BlockParser.blockStart(s, from: i, afterKnownTown: townArea != nil) ?? s.count
        let parsed = BlockParser.parse(s, from: blockFrom, arity: arity)
        let town = townArea.map { directory.area($0).town } ?? String(String.UnicodeScalarView(unmatchedTown))
        guard !town.isEmpty || !parsed.block.isEmpty else { return nil }
        return NormalizedAddress(
            prefecture: prefecture, city: city, town: town,
            block: Self.decimalList(parsed.block),
            room: parsed.room.map(String.init) ?? "")
    }

    /// Block numbers as decimal joined by `-` (`2-7-2`), built in one buffer.
    private static func decimalList(_ numbers: [Int]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 5)
        for (k, n) in numbers.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: String(n).utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 局留め form: `KYOKUDOME|prefecture|city|office`.
    private func hold(_ s: [Unicode.Scalar], from i: Int, code: Int32?, municipality: Int32?,
                      typedPrefecture: Int?) -> NormalizedAddress? {
        let typed = PostOfficeHold.officeName(s, from: i)
        guard !typed.isEmpty else { return nil }
        let officeKey = PlaceKey(typed).key
        var muni = municipality
        var name = String(String.UnicodeScalarView(officeKey.compactMap(Unicode.Scalar.init)))
        if let code, let office = directory.office(code3: code / 10000, officeKey: officeKey) {
            muni = office.municipality
            name = office.name
        }
        if let m = muni {
            let mu = directory.municipality(m)
            return NormalizedAddress(prefecture: mu.prefecture, city: mu.city, postOffice: name)
        }
        let pref = typedPrefecture.map(directory.prefecture) ?? ""
        return NormalizedAddress(prefecture: pref, city: "", postOffice: name)
    }

    /// A town of the code whose key differs from the typed text in exactly one kanji (an old or
    /// variant form the fold does not know), followed by where blocks may start.
    private func fuzzyTown(_ key: PlaceKey, codeAreas: Range<Int>, municipality: Int32?) -> (area: Int, length: Int)? {
        var found: (area: Int, length: Int)?
        for a in codeAreas {
            let area = directory.area(a)
            let t = area.townKey
            guard t.count >= 2, municipality == nil || area.municipality == municipality,
                  t.count <= key.key.count, key.boundary[t.count - 1] else { continue }
            var diff = 0
            for k in 0..<t.count where t[k] != key.key[k] {
                guard let u = Unicode.Scalar(t[k]), let v = Unicode.Scalar(key.key[k]),
                      AddressText.isKanji(u), AddressText.isKanji(v) else { diff = 2; break }
                diff += 1
            }
            guard diff == 1 else { continue }
            if found != nil { return nil }
            found = (a, t.count)
        }
        return found
    }

    /// Kyoto's direction words, longest first where one begins another.
    static let kyotoDirections = ["上がる", "上ル", "上る", "下がる", "下ル", "下る", "西入ル", "西入る", "西入", "東入ル", "東入る", "東入"]

    /// After the last Kyoto direction word between `i` and the first ASCII digit (and the spaces
    /// after it), when something follows it there; nil when there is none.
    private func kyotoTownStart(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        let limit = s[i...].firstIndex(where: AddressText.isDigit) ?? s.count
        var last: Int?
        var p = i
        while p < limit {
            if let word = Self.kyotoDirections.first(where: { Self.starts(s, p, $0) && p + $0.unicodeScalars.count <= limit }) {
                p += word.unicodeScalars.count
                last = p
            } else {
                p += 1
            }
        }
        guard let last else { return nil }
        let start = skipSpaces(s, last)
        return start < limit ? start : nil
    }

    private func skipSpaces(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j < s.count && s[j] == AddressText.space { j += 1 }
        return j
    }

    private static func starts(_ s: [Unicode.Scalar], _ i: Int, _ word: String) -> Bool {
        var k = i
        for u in word.unicodeScalars {
            guard k < s.count, s[k] == u else { return false }
            k += 1
        }
        return true
    }

    /// A postal code typed at the start (`〒503-8799`, `〒 5038799`, `503-8799 `): its value and
    /// where the address proper starts.
    static func leadingPostalCode(_ s: [Unicode.Scalar]) -> (code: Int32?, end: Int) {
        var i = 0
        let marked = !s.isEmpty && s[0] == "〒"
        if marked { i = 1 }
        while i < s.count && s[i] == AddressText.space { i += 1 }
        var digits = 0
        var value: Int32 = 0
        var j = i
        while j < s.count && digits < 7 {
            let u = s[j]
            if AddressText.isDigit(u) {
                value = value * 10 + Int32(u.value - 0x30)
                digits += 1
            } else if u == AddressText.dash && digits == 3 {
                // 503-8799
            } else {
                break
            }
            j += 1
        }
        if digits == 7 && !(j < s.count && AddressText.isDigit(s[j])) {
            return (value, j)
        }
        return (nil, marked ? i : 0)
    }
}
