/// How a shop answers another shop's contact request. Codes are explicit and append-only.
public enum ContactAnswerKind: UInt8, Sendable, Hashable, CaseIterable, NamedCode {
    /// The shop gives its contact and, if it wants, its damage for a joint report.
    case shares = 1
    /// The shop does not take part.
    case declines = 2

    public var name: String {
        switch self {
        case .shares: "shares"
        case .declines: "declines"
        }
    }

    public var label: Localized {
        switch self {
        case .shares: Localized(ja: "共有する", en: "shares")
        case .declines: Localized(ja: "辞退する", en: "declines")
        }
    }
}
