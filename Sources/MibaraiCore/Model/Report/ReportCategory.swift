/// What a customer did. Wire values are explicit and append-only: never renumber or reuse one.
public enum ReportCategory: UInt8, Sendable, Hashable, CaseIterable, Codable {
    /// 未払い: a pay-later (後払い) or invoiced order never paid.
    case nonPayment = 1
    /// 受取拒否: a cash-on-delivery parcel refused or never collected.
    case codRefusal = 2
    /// チャージバック・不正利用: a card payment charged back or made with someone else's card.
    case chargeback = 3
    /// 悪質クレーム: refunds extorted with false complaints.
    case maliciousComplaint = 4
    /// 転売・詐取: an order placed to defraud (resale, false identity).
    case fraudulentOrder = 5
    /// その他.
    case other = 99

    /// The name used on the command line and in JSON.
    public var name: String {
        switch self {
        case .nonPayment: "non-payment"
        case .codRefusal: "cod-refusal"
        case .chargeback: "chargeback"
        case .maliciousComplaint: "malicious-complaint"
        case .fraudulentOrder: "fraudulent-order"
        case .other: "other"
        }
    }

    public var label: Localized {
        switch self {
        case .nonPayment: Localized(ja: "未払い", en: "non-payment")
        case .codRefusal: Localized(ja: "受取拒否", en: "COD refusal")
        case .chargeback: Localized(ja: "チャージバック・不正利用", en: "chargeback / card fraud")
        case .maliciousComplaint: Localized(ja: "悪質クレーム", en: "malicious complaint")
        case .fraudulentOrder: Localized(ja: "転売・詐取", en: "fraudulent order")
        case .other: Localized(ja: "その他", en: "other")
        }
    }

    /// Parses a command-line name (`non-payment`), its Japanese label (`未払い`) or a few aliases.
    public init?(name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        let aliases: [String: ReportCategory] = [
            "unpaid": .nonPayment, "nonpayment": .nonPayment, "未払": .nonPayment,
            "cod": .codRefusal, "refusal": .codRefusal, "受け取り拒否": .codRefusal,
            "不正利用": .chargeback, "complaint": .maliciousComplaint, "クレーム": .maliciousComplaint,
            "fraud": .fraudulentOrder, "転売": .fraudulentOrder, "詐取": .fraudulentOrder,
        ]
        if let c = Self.allCases.first(where: { $0.name == key || $0.label.ja == key }) {
            self = c
        } else if let c = aliases[key] {
            self = c
        } else {
            return nil
        }
    }
}
