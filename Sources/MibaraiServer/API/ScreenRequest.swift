import MibaraiCore

/// The body of `POST /v1/screen` (Protocol/screening-api.yaml): one order. The server reads it
/// through the code generated from the document (`init(_: Components.Schemas.Order)`); this
/// `Decodable` reads it as strictly as the schema does (a field may be absent, never `null`; a
/// basket line's quantity is 1 when absent) and names where a body with a `null` goes wrong.
public struct ScreenRequest: Decodable, Sendable {
    public var reference: String?
    /// `2026-11-20T10:15:30+09:00` or any form ``OrderTimestamp`` reads; default: now.
    public var placedAt: String?
    public var billing: Identity
    public var shipping: Identity?
    var items: [Item]?
    /// `postpay`, `cod`, `card`, `bank_transfer`, `convenience_store`, `other`, or the platform's
    /// own wording (NP後払い, 代金引換 …).
    public var payment: String?
    public var deliveryMethod: String?

    enum CodingKeys: String, CodingKey {
        case reference, placedAt = "placed_at", billing, shipping, items, payment, deliveryMethod = "delivery_method"
    }

    init(reference: String?, placedAt: String?, billing: Identity, shipping: Identity?, items: [Item]?, payment: String?, deliveryMethod: String?) {
        self.reference = reference
        self.placedAt = placedAt
        self.billing = billing
        self.shipping = shipping
        self.items = items
        self.payment = payment
        self.deliveryMethod = deliveryMethod
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reference = try c.decodeStrictIfPresent(String.self, forKey: .reference)
        placedAt = try c.decodeStrictIfPresent(String.self, forKey: .placedAt)
        billing = try c.decode(IdentityBody.self, forKey: .billing).identity
        shipping = try c.decodeStrictIfPresent(IdentityBody.self, forKey: .shipping)?.identity
        items = try c.decodeStrictIfPresent([Item].self, forKey: .items)
        payment = try c.decodeStrictIfPresent(String.self, forKey: .payment)
        deliveryMethod = try c.decodeStrictIfPresent(String.self, forKey: .deliveryMethod)
    }

    /// The order, or why it cannot be screened: read by the rules every face shares (``OrderForm``).
    public func order() -> Result<Order, OrderFormError> {
        let form = OrderForm(
            reference: reference, placedAt: placedAt, billing: billing, shipping: shipping,
            items: (items ?? []).map { OrderForm.Item(sku: $0.sku, name: $0.name, quantity: String($0.quantity),
                                                      unitPrice: $0.unitPriceYen.map { String($0) }) },
            payment: payment, deliveryMethod: deliveryMethod
        )
        do { return .success(try form.order()) } catch { return .failure(error) }
    }
}
