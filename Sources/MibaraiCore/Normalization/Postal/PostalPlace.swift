/// One (postal code, town) entry of the postal directory, in Japan Post's spelling.
public struct PostalPlace: Sendable, Hashable {
    /// 都道府県, e.g. `和歌山県`.
    public var prefecture: String
    /// 市区町村 with its 郡 or designated-city prefix, e.g. `日高郡美浜町`, `名古屋市北区`.
    public var city: String
    /// 町域, empty when the code covers the rest of the municipality.
    public var town: String
    /// True when the town's blocks are numbered 丁目-番-号 (up to three numbers).
    public var usesChome: Bool

    public init(prefecture: String, city: String, town: String, usesChome: Bool) {
        self.prefecture = prefecture
        self.city = city
        self.town = town
        self.usesChome = usesChome
    }
}
