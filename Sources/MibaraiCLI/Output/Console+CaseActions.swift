import MibaraiCore

extension Console {
    /// What followed from an event: the case closed, the report's status changed.
    func reportActions(_ actions: [CaseAction], case c: DunningCase) {
        for action in actions {
            switch action {
            case .closed(let outcome):
                say(ja: "案件 #\(c.number) を終了しました (\(outcome.label.ja))。", en: "Case #\(c.number) is closed (\(outcome.label.en)).")
            case .setReportStatus(let id, let status):
                say(ja: "報告 \(id) の状態を「\(status.label.ja)」にしました。", en: "Report \(id) is now \(status.label.en).")
            case .setReportAmount(let id, let amount):
                say(ja: "報告 \(id) の金額を \(LookupResult.yen(amount)) にしました。", en: "Report \(id) now stands at \(LookupResult.yen(amount)).")
            case .offerReport:
                break
            }
        }
    }
}
