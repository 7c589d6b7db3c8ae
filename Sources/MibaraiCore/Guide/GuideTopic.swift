/// The built-in guide (`mibarai guide`): what to do at each rung of the ladder, and how to keep
/// unpaid orders from happening. General practice for small shops, not legal advice.
public enum GuideTopic: String, Sendable, CaseIterable {
    case ladder
    case prevention
    case suspicious
    case records
    case complaints
    case chargebacks
    case call

    public var title: Localized {
        switch self {
        case .ladder: Localized(ja: "未払いへの対応の流れ", en: "Dealing with an unpaid order, step by step")
        case .prevention: Localized(ja: "未払いを防ぐ", en: "Preventing unpaid orders")
        case .suspicious: Localized(ja: "怪しい注文の特徴", en: "What suspicious orders look like")
        case .records: Localized(ja: "記録の残し方", en: "Keeping the record")
        case .complaints: Localized(ja: "悪質クレームへの対応", en: "Handling abusive complaints")
        case .chargebacks: Localized(ja: "カードの不正利用とチャージバック", en: "Card fraud and chargebacks")
        case .call: Localized(ja: "確認の電話", en: "The confirmation call")
        }
    }

    public var body: Localized {
        switch self {
        case .ladder: Self.ladderText
        case .prevention: Self.preventionText
        case .suspicious: Self.suspiciousText
        case .records: Self.recordsText
        case .complaints: Self.complaintsText
        case .chargebacks: Self.chargebacksText
        case .call: Self.callText
        }
    }

    public init?(name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let t = Self.allCases.first(where: { $0.rawValue == key }) else { return nil }
        self = t
    }
}
