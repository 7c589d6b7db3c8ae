import MibaraiCore

/// A member's lookups on one Japan day at this hub.
public struct LookupDayTotal: Sendable, Equatable {
    public var member: NodeID
    public var day: LocalDate
    public var requests: Int
    public var identities: Int
    public var hits: Int
    public var refused: Int
}
