/// Where a report stands. Wire values are explicit and append-only.
public enum ReportStatus: UInt8, Sendable, Hashable, CaseIterable, Codable, NamedCode {
    /// 未解決: the loss stands.
    case open = 1
    /// 支払済: paid in full, late.
    case paid = 2
    /// 和解: settled (partial payment, agreement).
    case settled = 3
    /// 取下げ: withdrawn by the reporting shop; it no longer matches anywhere.
    case withdrawn = 4
    /// 係争中: the customer disputes it.
    case disputed = 5

    public var name: String {
        switch self {
        case .open: "open"
        case .paid: "paid"
        case .settled: "settled"
        case .withdrawn: "withdrawn"
        case .disputed: "disputed"
        }
    }

    public var label: Localized {
        switch self {
        case .open: Localized(ja: "未解決", en: "open")
        case .paid: Localized(ja: "支払済", en: "paid")
        case .settled: Localized(ja: "和解済", en: "settled")
        case .withdrawn: Localized(ja: "取下げ", en: "withdrawn")
        case .disputed: Localized(ja: "係争中", en: "disputed")
        }
    }

    /// True while the amount counts as an unrecovered loss: only an open report. A disputed one
    /// does not count until the dispute is decided (the shop then marks it open or withdraws it).
    public var isOutstanding: Bool { self == .open }

}
