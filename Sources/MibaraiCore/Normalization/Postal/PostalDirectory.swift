import Foundation

/// Postal code → prefecture, city and town, from the table shipped in `Resources/postal.tsv`
/// (Japan Post's postal-code data; see `scripts/gen_postal_table.py` for the format and source).
///
/// Immutable and `Sendable`; every lookup is a hash lookup. Build it once (``bundled()`` caches
/// the shipped table) and share it.
public struct PostalDirectory: Sendable {
    /// A municipality (`M` line).
    struct Municipality: Sendable {
        var prefecture: String
        var prefectureIndex: Int
        var city: String
    }

    /// A (postal code, town) entry (`A` line).
    struct Area: Sendable {
        var code: Int32
        var municipality: Int32
        var town: String
        var townKey: [UInt32]
        var usesChome: Bool
        /// A 大口事業所 / 私書箱 code.
        var isBusiness: Bool
    }

    /// A post office (`P` line).
    struct Office: Sendable {
        var municipality: Int32
        var name: String
    }

    final class Storage: Sendable {
        let prefectures: [String]
        let prefectureKeys: [[UInt32]]
        let municipalities: [Municipality]
        let areas: [Area]
        /// postal code → range of `areas`.
        let areasByCode: [Int32: Range<Int>]
        /// hash of a city key (full; without its 郡; a designated city's city or ward part alone)
        /// → municipalities.
        let cityIndex: HashIndex
        /// The municipality lists `cityIndex` points to.
        let cityLists: [[Int32]]
        /// hash(municipality seed, town key) → first area of that town.
        let townIndex: HashIndex
        /// hash(code3 seed, office key) → office.
        let officeIndex: [UInt64: Office]
        /// first three digits of a postal code → municipalities with codes there.
        let municipalitiesByPrefix: [Int32: [Int32]]
        let maxCityKey: Int
        let maxTownKey: Int

        init(
            prefectures: [String], municipalities: [Municipality], areas: [Area],
            officeRows: [(code3: Int32, municipality: Int32, name: String)]
        ) {
            self.prefectures = prefectures
            prefectureKeys = prefectures.map(PlaceKey.of)
            self.municipalities = municipalities
            self.areas = areas
            var byCode: [Int32: Range<Int>] = [:]
            var townIndex: [UInt64: Int32] = [:]
            var byPrefix: [Int32: Set<Int32>] = [:]
            var start = 0
            var maxTown = 0
            for (i, a) in areas.enumerated() {
                if i > 0 && areas[i - 1].code != a.code {
                    byCode[areas[i - 1].code] = start..<i
                    start = i
                }
                byPrefix[a.code / 10000, default: []].insert(a.municipality)
                if !a.townKey.isEmpty {
                    let h = PlaceKey.hash(a.townKey, seed: UInt64(a.municipality))
                    // The first KEN_ALL entry of a town wins over business codes.
                    if let seen = townIndex[h] {
                        if areas[Int(seen)].isBusiness && !a.isBusiness { townIndex[h] = Int32(i) }
                    } else {
                        townIndex[h] = Int32(i)
                    }
                    maxTown = max(maxTown, a.townKey.count)
                }
            }
            if let last = areas.last { byCode[last.code] = start..<areas.count }
            var cityIndex: [UInt64: [Int32]] = [:]
            var maxCity = 0
            for (i, m) in municipalities.enumerated() {
                var keys = [PlaceKey.of(m.city)]
                if let gun = m.city.firstIndex(of: "郡"), m.city.index(after: gun) < m.city.endIndex {
                    keys.append(PlaceKey.of(String(m.city[m.city.index(after: gun)...])))
                }
                // A ward of a designated city (名古屋市北区) is also named by its city alone
                // (名古屋市) and by its ward alone (北区); the postal code tells them apart.
                if m.city.hasSuffix("区"), let shi = m.city.dropLast().lastIndex(of: "市") {
                    let cityPart = String(m.city[...shi])
                    let wardPart = String(m.city[m.city.index(after: shi)...])
                    if wardPart.count > 1 {
                        keys.append(PlaceKey.of(cityPart))
                        keys.append(PlaceKey.of(wardPart))
                    }
                }
                for k in keys {
                    cityIndex[PlaceKey.hash(k), default: []].append(Int32(i))
                    maxCity = max(maxCity, k.count)
                }
            }
            var offices: [UInt64: Office] = [:]
            for row in officeRows {
                let h = PlaceKey.hash(PlaceKey.of(row.name), seed: UInt64(row.code3) | 1 << 40)
                if offices[h] == nil { offices[h] = Office(municipality: row.municipality, name: row.name) }
            }
            self.areasByCode = byCode
            self.townIndex = HashIndex(townIndex)
            var cityLists: [[Int32]] = []
            var cityListIndex: [UInt64: Int32] = [:]
            for (h, list) in cityIndex {
                cityListIndex[h] = Int32(cityLists.count)
                cityLists.append(list)
            }
            self.cityIndex = HashIndex(cityListIndex)
            self.cityLists = cityLists
            self.officeIndex = offices
            self.municipalitiesByPrefix = byPrefix.mapValues { $0.sorted() }
            self.maxCityKey = maxCity
            self.maxTownKey = maxTown
        }
    }

    let storage: Storage

    /// An empty directory: every lookup misses, so addresses normalise on their text alone.
    public init() {
        storage = Storage(prefectures: [], municipalities: [], areas: [], officeRows: [])
    }

    /// Builds a directory from the text of a `postal.tsv` table.
    /// - Throws: ``PostalDirectoryError`` on a malformed line or an undefined municipality.
    public init(tsv: String) throws {
        var prefectures: [String] = []
        var prefectureIndex: [String: Int] = [:]
        var municipalities: [Municipality] = []
        var muniIndex: [Substring: Int32] = [:]
        var areas: [Area] = []
        var offices: [(code3: Int32, municipality: Int32, name: String)] = []
        var lineNumber = 0
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.first == "#" { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch f.first {
            case "M":
                guard f.count == 4, Self.isDigits(f[1], count: 5), !f[2].isEmpty, !f[3].isEmpty else {
                    throw PostalDirectoryError.malformedLine(lineNumber)
                }
                let pref = String(f[2])
                let p: Int
                if let known = prefectureIndex[pref] {
                    p = known
                } else {
                    p = prefectures.count
                    prefectures.append(pref)
                    prefectureIndex[pref] = p
                }
                muniIndex[f[1]] = Int32(municipalities.count)
                municipalities.append(Municipality(prefecture: pref, prefectureIndex: p, city: String(f[3])))
            case "A":
                guard f.count == 5, Self.isDigits(f[1], count: 7), let code = Int32(f[1]) else {
                    throw PostalDirectoryError.malformedLine(lineNumber)
                }
                guard let m = muniIndex[f[2]] else { throw PostalDirectoryError.unknownMunicipality(lineNumber) }
                let town = String(f[3])
                areas.append(Area(code: code, municipality: m, town: town, townKey: PlaceKey.of(town),
                                  usesChome: f[4].contains("c"), isBusiness: f[4].contains("j")))
            case "P":
                guard f.count == 4, Self.isDigits(f[1], count: 3), let code3 = Int32(f[1]), !f[3].isEmpty else {
                    throw PostalDirectoryError.malformedLine(lineNumber)
                }
                guard let m = muniIndex[f[2]] else { throw PostalDirectoryError.unknownMunicipality(lineNumber) }
                offices.append((code3, m, String(f[3])))
            default:
                throw PostalDirectoryError.malformedLine(lineNumber)
            }
        }
        areas.sort { $0.code < $1.code }
        storage = Storage(prefectures: prefectures, municipalities: municipalities, areas: areas, officeRows: offices)
    }

    private static func isDigits(_ s: Substring, count: Int) -> Bool {
        s.utf8.count == count && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static let shared: Result<PostalDirectory, PostalDirectoryError> = {
        let text: String
        switch BundledTable.text("postal.tsv") {
        case .success(let t): text = t
        case .failure(let e): return .failure(e.isMissing ? .resourceMissing : .unreadableResource)
        }
        do {
            return .success(try PostalDirectory(tsv: text))
        } catch let e as PostalDirectoryError {
            return .failure(e)
        } catch {
            return .failure(.unreadableResource)
        }
    }()

    /// The directory of the table shipped with this module, loaded once and cached.
    public static func bundled() throws -> PostalDirectory {
        try shared.get()
    }

    /// Number of (postal code, town) entries.
    public var count: Int { storage.areas.count }

    /// The entries of a postal code (seven ASCII digits), in table order; empty when unknown.
    public func places(postalCode: String) -> [PostalPlace] {
        guard postalCode.utf8.count == 7, let code = Int32(postalCode) else { return [] }
        return areaRange(code: code).map { i in
            let a = storage.areas[i]
            let m = storage.municipalities[Int(a.municipality)]
            return PostalPlace(prefecture: m.prefecture, city: m.city, town: a.town, usesChome: a.usesChome)
        }
    }

    // MARK: lookups for the address normaliser

    func areaRange(code: Int32) -> Range<Int> { storage.areasByCode[code] ?? 0..<0 }
    @inline(__always) func area(_ i: Int) -> Area { storage.areas[i] }
    @inline(__always) func municipality(_ i: Int32) -> Municipality { storage.municipalities[Int(i)] }
    var prefectureKeys: [[UInt32]] { storage.prefectureKeys }
    func prefecture(_ i: Int) -> String { storage.prefectures[i] }
    func municipalities(prefix code3: Int32) -> [Int32] { storage.municipalitiesByPrefix[code3] ?? [] }

    /// Municipalities whose name (with or without its 郡) is the longest prefix of `key`.
    func longestCity(in key: PlaceKey, accept: (Int32) -> Bool) -> (municipalities: [Int32], length: Int)? {
        var h = PlaceKey.hashStep(PlaceKey.hashBasis, 0)
        h = PlaceKey.hashStep(h, 0)
        var best: ([Int32], Int)?
        for k in 0..<min(key.key.count, storage.maxCityKey) {
            h = PlaceKey.hashStep(h, key.key[k])
            guard key.boundary[k], let list = storage.cityIndex[h] else { continue }
            let ok = storage.cityLists[Int(list)].filter(accept)
            if !ok.isEmpty { best = (ok, k + 1) }
        }
        return best
    }

    /// The area of the longest town of `municipality` that is a prefix of `key`.
    func longestTown(in key: PlaceKey, municipality: Int32) -> (area: Int, length: Int)? {
        let seed = UInt64(municipality)
        var h = PlaceKey.hashStep(PlaceKey.hashBasis, UInt32(truncatingIfNeeded: seed))
        h = PlaceKey.hashStep(h, UInt32(truncatingIfNeeded: seed >> 32))
        var best: (Int, Int)?
        for k in 0..<min(key.key.count, storage.maxTownKey) {
            h = PlaceKey.hashStep(h, key.key[k])
            guard key.boundary[k], let i = storage.townIndex[h] else { continue }
            let a = storage.areas[Int(i)]
            if a.municipality == municipality && a.townKey.count == k + 1 && a.townKey[...] == key.key[0...k] {
                best = (Int(i), k + 1)
            }
        }
        return best
    }

    /// The post office called `officeKey` among the codes starting with `code3`.
    func office(code3: Int32, officeKey: [UInt32]) -> Office? {
        storage.officeIndex[PlaceKey.hash(officeKey, seed: UInt64(code3) | 1 << 40)]
    }
}
