/// Why the operator revoked a member. Codes are explicit and append-only.
public enum RevocationReason: UInt8, Sendable, Hashable, CaseIterable {
    case keyCompromise = 1
    case leftFederation = 2
    /// The member signed two different entries with one sequence number, or otherwise broke the rules.
    case misbehaviour = 3
    case unspecified = 255

    public var name: String {
        switch self {
        case .keyCompromise: "key_compromise"
        case .leftFederation: "left_federation"
        case .misbehaviour: "misbehaviour"
        case .unspecified: "unspecified"
        }
    }
}
