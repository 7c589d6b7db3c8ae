/// How a case ended. Codes are stored and append-only.
public enum CaseOutcome: UInt8, Sendable, Hashable, CaseIterable, Codable, NamedCode {
    /// 完済: paid in full.
    case paid = 1
    /// 和解: settled for less, or by agreement.
    case settled = 2
    /// 貸倒れ処理: written off; the loss stands.
    case writtenOff = 3

    public var name: String {
        switch self {
        case .paid: "paid"
        case .settled: "settled"
        case .writtenOff: "written-off"
        }
    }

    public var label: Localized {
        switch self {
        case .paid: Localized(ja: "完済", en: "paid")
        case .settled: Localized(ja: "和解", en: "settled")
        case .writtenOff: Localized(ja: "貸倒れ処理", en: "written off")
        }
    }

    /// The status a linked report takes when the case ends this way (nil: it stays open).
    public var reportStatus: ReportStatus? {
        switch self {
        case .paid: .paid
        case .settled: .settled
        case .writtenOff: nil
        }
    }

}
