/// How an origin answered a review request for one of its records. Codes are explicit and
/// append-only.
public enum ReviewAnswerKind: UInt8, Sendable, Hashable, CaseIterable {
    /// The shop reviewed the record and keeps it as it is, for the reason it gives.
    case kept = 1
    /// The shop corrected the record (its next revision is published, the named one withdrawn).
    case corrected = 2
    /// The shop withdrew the record.
    case withdrawn = 3

    /// The answer's name in `Protocol/federation.md` and the vectors.
    public var name: String {
        switch self {
        case .kept: "kept"
        case .corrected: "corrected"
        case .withdrawn: "withdrawn"
        }
    }

    public var label: Localized {
        switch self {
        case .kept: Localized(ja: "維持 (理由あり)", en: "kept, with a reason")
        case .corrected: Localized(ja: "訂正済", en: "corrected")
        case .withdrawn: Localized(ja: "取下げ済", en: "withdrawn")
        }
    }
}
