/// Which nodes hold other origins' blinded records (`Protocol/federation.md`, "Policy", setting 1
/// `replicas`). Wire values are explicit and append-only.
public enum ReplicaPolicy: UInt64, Sendable, Hashable, CaseIterable {
    /// Every member replicates every origin's records (the only behaviour of versions 1 to 4).
    case all = 1
    /// Only hubs replicate other origins' records. A shop holds the operator's log and its own,
    /// keeps the blinding keys, and looks up through a hub (`Protocol/hub-api.md`).
    case hubs = 2

    public var name: String {
        switch self {
        case .all: "all"
        case .hubs: "hubs"
        }
    }

    public init?(name: String) {
        guard let p = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = p
    }
}
