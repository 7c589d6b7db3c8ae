/// One line of an order's basket.
public struct OrderItem: Sendable, Hashable, Codable {
    /// The shop's SKU or product code (matched against catalogue rules), if known.
    public var sku: String?
    public var name: String?
    public var quantity: Int
    /// Unit price in yen, tax included, if known.
    public var unitPriceYen: Int?

    public init(sku: String? = nil, name: String? = nil, quantity: Int = 1, unitPriceYen: Int? = nil) {
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.unitPriceYen = unitPriceYen
    }

    enum CodingKeys: String, CodingKey {
        case sku, name, quantity, unitPriceYen = "unit_price_yen"
    }
}
