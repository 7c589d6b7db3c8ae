/// A hub's `usage` entry (kind 6, version 5): how many identities each named shop asked at it on
/// one Japan day, so far. Hubs add each other's counts to their own to hold a shop to its daily
/// quota across hubs (`Protocol/federation.md`, "Lookup quotas").
public struct HubUsage: Sendable, Hashable {
    public var day: LocalDate
    /// Strictly ascending by member.
    public var counts: [(member: NodeID, identities: UInt64)]

    public static let maxMembers = 1_024

    public init(day: LocalDate, counts: [(member: NodeID, identities: UInt64)]) {
        self.day = day
        self.counts = counts
    }

    public static func == (a: HubUsage, b: HubUsage) -> Bool {
        a.day == b.day && a.counts.map(\.member) == b.counts.map(\.member) && a.counts.map(\.identities) == b.counts.map(\.identities)
    }

    public func hash(into h: inout Hasher) {
        h.combine(day)
        for c in counts { h.combine(c.member); h.combine(c.identities) }
    }
}
