import MibaraiCore

/// The body of `POST /v1/screen` (Protocol/screening-api.yaml): one order.
public struct ScreenRequest: Decodable, Sendable {
    public var reference: String?
    /// `2026-11-20T10:15:30+09:00` or any form ``OrderTimestamp`` reads; default: now.
    public var placedAt: String?
    public var billing: Identity
    public var shipping: Identity?
    public var items: [OrderItem]?
    /// `postpay`, `cod`, `card`, `bank_transfer`, `convenience_store`, `other`, or the platform's
    /// own wording (NP後払い, 代金引換 …).
    public var payment: String?
    public var deliveryMethod: String?

    enum CodingKeys: String, CodingKey {
        case reference, placedAt = "placed_at", billing, shipping, items, payment, deliveryMethod = "delivery_method"
    }

    /// The order, or why it cannot be screened.
    public func order() -> Result<Order, APIError> {
        var placed: Int64?
        if let placedAt {
            guard let t = OrderTimestamp.parse(placedAt) else {
                return .failure(.badRequest(ja: "placed_at を日時として読めません。", en: "placed_at is not a date and time."))
            }
            placed = t
        }
        if billing.isEmpty && (shipping?.isEmpty ?? true) {
            return .failure(.badRequest(ja: "billing に氏名・住所・電話番号・メールアドレスのいずれかが必要です。",
                                        en: "billing needs at least one of name, address, phone or email."))
        }
        for item in items ?? [] where item.quantity < 0 || (item.unitPriceYen ?? 0) < 0 {
            return .failure(.badRequest(ja: "items の数量と価格は 0 以上です。", en: "item quantities and prices must not be negative."))
        }
        return .success(Order(reference: reference, billing: billing, shipping: shipping?.isEmpty == true ? nil : shipping,
                              items: items ?? [], payment: payment.flatMap(PaymentMethod.parse),
                              deliveryMethod: deliveryMethod, placedAt: placed))
    }
}
