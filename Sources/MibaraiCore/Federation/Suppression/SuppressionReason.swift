/// Why the operator suppressed a person's tokens. Codes are explicit and append-only.
public enum SuppressionReason: UInt8, Sendable, Hashable, CaseIterable {
    /// The person showed the operator that someone ordered in their name (なりすまし被害).
    case impersonation = 1

    /// The reason's name in `Protocol/federation.md` and the vectors.
    public var name: String {
        switch self {
        case .impersonation: "impersonation"
        }
    }

    /// What a shop is shown for a match through a suppressed token.
    public var label: Localized {
        switch self {
        case .impersonation: Localized(ja: "なりすまし被害の届出あり", en: "reported impersonation victim")
        }
    }
}
