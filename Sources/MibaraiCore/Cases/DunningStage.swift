/// A rung of the dunning ladder, from a polite inquiry to a police report. Codes are stored and
/// append-only; the order of the codes is the order of the ladder.
public enum DunningStage: UInt8, Sendable, Hashable, CaseIterable, Codable, NamedCode, Comparable {
    /// お支払い確認のご連絡: maybe it was forgotten, or the payment was not matched.
    case inquiry = 1
    /// 再請求・督促: reminders by mail and phone about a week apart.
    case reminder = 2
    /// 最終通告: a firm notice with a deadline that mentions legal steps.
    case firmNotice = 3
    /// 内容証明郵便による督促状: a formal demand whose sending and content the post office certifies.
    case formalDemand = 4
    /// 支払督促・少額訴訟: the summary court.
    case legalAction = 5
    /// 被害届: a police report, for deliberate or larger cases.
    case policeReport = 6

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .inquiry: "inquiry"
        case .reminder: "reminder"
        case .firmNotice: "firm-notice"
        case .formalDemand: "formal-demand"
        case .legalAction: "legal-action"
        case .policeReport: "police-report"
        }
    }

    public var label: Localized {
        switch self {
        case .inquiry: Localized(ja: "お支払い確認のご連絡", en: "polite inquiry")
        case .reminder: Localized(ja: "再請求 (督促)", en: "reminder")
        case .firmNotice: Localized(ja: "最終通告", en: "firm notice")
        case .formalDemand: Localized(ja: "内容証明郵便による督促状", en: "formal demand by certified-content mail (内容証明)")
        case .legalAction: Localized(ja: "支払督促・少額訴訟", en: "payment order or small-claims suit")
        case .policeReport: Localized(ja: "被害届", en: "police report (被害届)")
        }
    }

    /// The next rung up, if any.
    public var next: DunningStage? { DunningStage(rawValue: rawValue + 1) }

}
