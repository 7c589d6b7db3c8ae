/// Why an ``OrderForm`` cannot be screened. A struct around a private enum so that cases can
/// be added without breaking callers; `message` is bilingual and names the field, never a value.
public struct OrderFormError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedFailure {
    private enum Kind: Hashable, Sendable {
        case nothingToScreen, unreadableTime, unknownPayment, tooManyItems
        case badQuantity(Int), badPrice(Int)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    public static let nothingToScreen = Self(.nothingToScreen)
    public static let unreadableTime = Self(.unreadableTime)
    public static let unknownPayment = Self(.unknownPayment)
    public static let tooManyItems = Self(.tooManyItems)
    /// `line`: the basket line's position, from 1.
    public static func badQuantity(line: Int) -> Self { Self(.badQuantity(line)) }
    public static func badPrice(line: Int) -> Self { Self(.badPrice(line)) }

    public var message: Localized {
        switch kind {
        case .nothingToScreen:
            Localized(ja: "照合・審査に使える項目がありません (注文者か配送先の氏名・住所・電話番号・メールアドレスのいずれかが必要です)。",
                      en: "nothing to screen: the customer or the recipient needs a name, address, phone or e-mail.")
        case .unreadableTime:
            Localized(ja: "注文日時を日時として読めません (例 2026-11-20 10:15)。",
                      en: "the order time is not a date and time (e.g. 2026-11-20 10:15).")
        case .unknownPayment:
            Localized(ja: "支払方法が分かりません (\(Self.paymentNames) のいずれか、または「NP後払い」「代金引換」など)。",
                      en: "the payment method is not known (one of \(Self.paymentNames), or a platform's wording such as NP後払い).")
        case .tooManyItems:
            Localized(ja: "商品の行が多すぎます (\(OrderForm.maxItems)行まで)。", en: "too many basket lines (\(OrderForm.maxItems) at most).")
        case .badQuantity(let n):
            Localized(ja: "\(n)つ目の商品の数量が 0〜\(OrderForm.maxQuantity) の整数ではありません。",
                      en: "the quantity of item \(n) is not a whole number from 0 to \(OrderForm.maxQuantity).")
        case .badPrice(let n):
            Localized(ja: "\(n)つ目の商品の単価が 0 以上の円単位の整数ではありません。",
                      en: "the unit price of item \(n) is not a whole number of yen, 0 or more.")
        }
    }

    public var description: String { message.en }

    /// True when a value lies outside a documented bound (basket lines, a quantity, a price):
    /// what a schema can state. The other reasons (nothing to screen, an unreadable time, an
    /// unknown payment wording) are about what the values say.
    public var isOutOfBounds: Bool {
        switch kind {
        case .tooManyItems, .badQuantity, .badPrice: true
        case .nothingToScreen, .unreadableTime, .unknownPayment: false
        }
    }

    private static let paymentNames = PaymentMethod.allCases.map(\.rawValue).joined(separator: ", ")
}
