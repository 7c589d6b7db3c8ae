/// An order as screening sees it: who orders (billing), where it goes (shipping), what is in it,
/// how it is paid and when it was placed. Every part is optional except the billing identity.
public struct Order: Sendable, Hashable {
    /// The shop's order number. Screening the same reference again replaces its earlier entry
    /// in the velocity history instead of counting it twice.
    public var reference: String?
    /// The customer: name, kana, postal code, address, phone, e-mail.
    public var billing: Identity
    /// The recipient, when the export has a separate shipping block.
    public var shipping: Identity?
    public var items: [OrderItem]
    public var payment: PaymentMethod?
    /// The platform's delivery method text (配送方法), checked for 営業所留め / コンビニ受取.
    public var deliveryMethod: String?
    /// When the order was placed, in seconds since 1970 (UTC); nil means "now" to the caller.
    public var placedAt: Int64?

    public init(reference: String? = nil, billing: Identity, shipping: Identity? = nil, items: [OrderItem] = [],
                payment: PaymentMethod? = nil, deliveryMethod: String? = nil, placedAt: Int64? = nil) {
        self.reference = reference
        self.billing = billing
        self.shipping = shipping
        self.items = items
        self.payment = payment
        self.deliveryMethod = deliveryMethod
        self.placedAt = placedAt
    }

    /// The identity goods are delivered to: the shipping block's fields where present, the
    /// billing ones otherwise.
    public var recipient: Identity {
        guard let s = shipping else { return billing }
        var r = billing
        let hasShippingAddress = !(s.address ?? "").allSatisfy(\.isWhitespace)
        if hasShippingAddress {
            r.address = s.address
            r.postalCode = s.postalCode
        }
        if let n = s.name, !n.allSatisfy(\.isWhitespace) {
            r.name = n
            r.nameKana = s.nameKana
        }
        if let p = s.phone, !p.allSatisfy(\.isWhitespace) { r.phone = p }
        return r
    }
}
