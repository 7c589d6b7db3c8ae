/// How much a match says about the person. Ordered: `strong` > `probable` > `household`.
public enum MatchStrength: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// Only the address (a household, a building): a family member, a flatmate, or the person under
    /// another name. Never enough on its own to refuse an order.
    case household = 1
    /// One identifier: the phone, the e-mail, or the name (kanji or kana) at the address.
    case probable = 2
    /// Two or more independent identifiers.
    case strong = 3

    public var name: String {
        switch self {
        case .household: "household"
        case .probable: "probable"
        case .strong: "strong"
        }
    }

    public var label: Localized {
        switch self {
        case .household: Localized(ja: "住所のみ一致", en: "address only")
        case .probable: Localized(ja: "一致の可能性あり", en: "probable")
        case .strong: Localized(ja: "強い一致", en: "strong")
        }
    }

    public static func < (a: MatchStrength, b: MatchStrength) -> Bool { a.rawValue < b.rawValue }
}
