/// What a shop should do with an order, from its score and the shop's thresholds.
/// Ordered: `hold` > `review` > `pass`. Raw values are wire codes: append-only.
public enum ScreeningDecision: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Ship as usual.
    case pass = 0
    /// Look before shipping: call the customer, ask for prepayment.
    case review = 1
    /// Do not ship until the doubt is cleared.
    case hold = 2

    public var name: String {
        switch self {
        case .pass: "pass"
        case .review: "review"
        case .hold: "hold"
        }
    }

    public init?(name: String) {
        guard let d = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = d
    }

    public var label: Localized {
        switch self {
        case .pass: Localized(ja: "通過", en: "pass")
        case .review: Localized(ja: "要確認", en: "review")
        case .hold: Localized(ja: "保留", en: "hold")
        }
    }

    public static func < (a: ScreeningDecision, b: ScreeningDecision) -> Bool { a.rawValue < b.rawValue }
}
