/// How an order is paid, as far as screening cares. Raw values are wire names: append-only.
public enum PaymentMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// 後払い (NP後払い, atone, Paidy …): the shop ships before it is paid.
    case postpay
    /// 代金引換: paid at the door, or refused there.
    case cashOnDelivery = "cod"
    case card
    case bankTransfer = "bank_transfer"
    case convenienceStore = "convenience_store"
    case other

    /// True when the goods leave before the money arrives (post-pay and cash on delivery).
    public var isPayLater: Bool { self == .postpay || self == .cashOnDelivery }

    /// Reads a platform's payment column (後払い, NP後払い, 代金引換, クレジットカード, cod, …).
    /// A file repeats a handful of wordings: `cache` keeps each one's answer.
    public static func parse(_ text: String, cache: inout [String: PaymentMethod?]) -> PaymentMethod? {
        if let known = cache[text] { return known }
        let method = parse(text)
        cache[text] = method
        return method
    }

    /// Reads a platform's payment column (後払い, NP後払い, 代金引換, クレジットカード, PayPay, cod, …).
    /// Nil for an empty text and for a wording it does not know: a typo must not silently
    /// become `other` (``OrderForm`` refuses it).
    public static func parse(_ text: String) -> PaymentMethod? {
        let t = TextFolding.removingSpaces(TextFolding.nfkc(text)).lowercased()
        if t.isEmpty { return nil }
        if let exact = PaymentMethod(rawValue: t) { return exact }
        let table: [(PaymentMethod, [String])] = [
            (.postpay, ["後払", "あと払", "アト払", "postpay", "paylater", "paidy", "atone"]),
            (.cashOnDelivery, ["代金引換", "代引", "代金引き換え", "cashondelivery", "cod"]),
            (.convenienceStore, ["コンビニ"]),
            (.bankTransfer, ["振込", "振り込み", "banktransfer", "bank"]),
            (.card, ["カード", "クレジット", "card", "credit", "shopifypayments", "paypal", "applepay", "googlepay"]),
            // Paid before shipping, by means the rules do not tell apart.
            (.other, ["paypay", "楽天ペイ", "rakutenpay", "amazonpay", "d払い", "aupay", "メルペイ", "merpay",
                      "linepay", "キャリア決済", "電子マネー", "ポイント", "point", "ギフト", "gift", "前払", "先払", "現金",
                      "cash", "その他", "notrequired", "manual", "無料", "free"]),
        ]
        for (method, words) in table where words.contains(where: { t.contains($0) }) { return method }
        return nil
    }
}
