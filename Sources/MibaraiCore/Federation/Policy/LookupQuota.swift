/// How many identities a shop may ask at the hubs (`Protocol/federation.md`, "Lookup quotas"):
/// per Japan day, all hubs together, and per minute at one hub. 0 is no limit.
public struct LookupQuota: Sendable, Hashable {
    public var daily: UInt64
    public var burst: UInt64

    public init(daily: UInt64, burst: UInt64) {
        self.daily = daily
        self.burst = burst
    }

    /// The policy's defaults (settings 2 and 3).
    public static let defaultDaily: UInt64 = 50_000
    public static let defaultBurst: UInt64 = 20_000
}
