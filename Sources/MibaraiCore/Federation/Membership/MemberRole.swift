/// What a member is, as the operator admitted it. Codes are explicit and append-only.
public enum MemberRole: UInt8, Sendable, Hashable, CaseIterable {
    /// A shop's node: publishes its own reports.
    case shop = 1
    /// A regional hub: an ordinary node with many peers; relays, publishes nothing of its own.
    case hub = 2

    public var name: String {
        switch self {
        case .shop: "shop"
        case .hub: "hub"
        }
    }
}
