/// An order as a face receives it, before it is read: the text a shop typed into `check`'s
/// flags, one CSV export's rows, or the JSON body of `POST /v1/screen`. ``order()`` reads it
/// under one set of rules, so the same input gets the same answer on every face.
public struct OrderForm: Sendable, Hashable {
    /// One line of the basket as given: quantity and unit price still as text.
    public struct Item: Sendable, Hashable {
        public var sku: String?
        public var name: String?
        /// `2`, `２`, `1,000`; nil or empty means 1.
        public var quantity: String?
        /// `2980`, `¥2,980`, `2980円`, `2980.00`; nil or empty means unknown.
        public var unitPrice: String?

        public init(sku: String? = nil, name: String? = nil, quantity: String? = nil, unitPrice: String? = nil) {
            self.sku = sku
            self.name = name
            self.quantity = quantity
            self.unitPrice = unitPrice
        }
    }

    /// The largest quantity of one line, and the largest unit price, that an order may carry:
    /// far above any real order, and small enough that no sum of a basket can overflow.
    public static let maxQuantity = 1_000_000
    public static let maxUnitPriceYen = 1_000_000_000_000
    public static let maxItems = 1_000

    public var reference: String?
    /// Any form ``OrderTimestamp`` reads; nil or empty means "now" to the caller.
    public var placedAt: String?
    public var billing: Identity
    public var shipping: Identity?
    public var items: [Item]
    /// A wire name (`postpay`, `cod`, …) or a platform's wording (NP後払い, 代金引換, PayPay …).
    public var payment: String?
    public var deliveryMethod: String?

    public init(reference: String? = nil, placedAt: String? = nil, billing: Identity, shipping: Identity? = nil,
                items: [Item] = [], payment: String? = nil, deliveryMethod: String? = nil) {
        self.reference = reference
        self.placedAt = placedAt
        self.billing = billing
        self.shipping = shipping
        self.items = items
        self.payment = payment
        self.deliveryMethod = deliveryMethod
    }
}
