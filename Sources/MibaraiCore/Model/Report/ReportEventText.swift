/// A line of a report's history as the shop reads it, in its language: the event's kind and
/// its detail (a status by its label).
public enum ReportEventText {
    public static func kind(_ kind: String) -> Localized {
        switch kind {
        case "recorded": Localized(ja: "記録", en: "recorded")
        case "status": Localized(ja: "状態の変更", en: "status changed")
        case "corrected": Localized(ja: "訂正", en: "corrected")
        case "withdrawn": Localized(ja: "取下げ", en: "withdrawn")
        case "expired": Localized(ja: "保存期限切れ", en: "expired")
        case "restored": Localized(ja: "復元後に連合の記録から回復", en: "taken back from the federation log after a restore")
        default: Localized(ja: kind, en: kind)
        }
    }

    public static func detail(_ detail: String?) -> Localized? {
        guard let detail else { return nil }
        if let status = ReportStatus(name: detail) { return status.label }
        if detail == "personal data erased" { return Localized(ja: "個人情報を消去", en: "personal data erased") }
        return Localized(ja: detail, en: detail)
    }
}
