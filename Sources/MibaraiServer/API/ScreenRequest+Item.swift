extension ScreenRequest {
    /// A basket line in the body: `quantity` is 1 when absent (the schema's default).
    struct Item: Decodable, Sendable {
        var sku: String?
        var name: String?
        var quantity: Int
        var unitPriceYen: Int?

        enum CodingKeys: String, CodingKey {
            case sku, name, quantity, unitPriceYen = "unit_price_yen"
        }

        init(sku: String?, name: String?, quantity: Int, unitPriceYen: Int?) {
            self.sku = sku
            self.name = name
            self.quantity = quantity
            self.unitPriceYen = unitPriceYen
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sku = try c.decodeStrictIfPresent(String.self, forKey: .sku)
            name = try c.decodeStrictIfPresent(String.self, forKey: .name)
            quantity = try c.decodeStrictIfPresent(Int.self, forKey: .quantity) ?? 1
            unitPriceYen = try c.decodeStrictIfPresent(Int.self, forKey: .unitPriceYen)
        }
    }
}
