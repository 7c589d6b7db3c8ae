/// A Japanese address in canonical parts. See Protocol/normalization.md § address.
public struct NormalizedAddress: Sendable, Hashable {
    /// The whole canonical address, the string that is blinded:
    /// `prefecture|city|town|block|room`, or `KYOKUDOME|prefecture|city|office` for a hold.
    public var canonical: String
    /// True when the address is a 局留め (post-office hold): it names an office, not a home.
    public var isPostOfficeHold: Bool
    /// 都道府県 (empty when it could not be determined).
    public var prefecture: String = ""
    /// 市区町村 with its 郡 / designated-city prefix (empty when it could not be determined).
    public var city: String = ""
    /// 町域 in the directory's spelling (empty for a hold).
    public var town: String = ""
    /// Block numbers joined by `-` (`2-7-2`, `123-4`), empty when none were typed.
    public var block: String = ""
    /// Room number, empty when none was typed.
    public var room: String = ""
    /// The post office of a hold (without 郵便局), empty otherwise.
    public var postOffice: String = ""

    public init(canonical: String, isPostOfficeHold: Bool) {
        self.canonical = canonical
        self.isPostOfficeHold = isPostOfficeHold
    }

    /// A home address from its parts; `canonical` is built from them.
    public init(prefecture: String, city: String, town: String, block: String, room: String) {
        self.canonical = Self.joined([prefecture, city, town, block, room])
        self.isPostOfficeHold = false
        self.prefecture = prefecture
        self.city = city
        self.town = town
        self.block = block
        self.room = room
    }

    /// A post-office hold from its parts; `canonical` is built from them.
    public init(prefecture: String, city: String, postOffice: String) {
        self.canonical = Self.joined(["KYOKUDOME", prefecture, city, postOffice])
        self.isPostOfficeHold = true
        self.prefecture = prefecture
        self.city = city
        self.postOffice = postOffice
    }

    /// The parts joined by `|` (same string as the interpolation, with one allocation).
    private static func joined(_ parts: [String]) -> String {
        var out = ""
        out.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for (k, p) in parts.enumerated() {
            if k > 0 { out += "|" }
            out += p
        }
        return out
    }
}
