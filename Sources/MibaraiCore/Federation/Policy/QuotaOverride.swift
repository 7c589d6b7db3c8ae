/// The operator's `quota` entry (kind 71, version 5): one member's limits instead of the policy's.
public struct QuotaOverride: Sendable, Hashable {
    public var member: NodeID
    public var quota: LookupQuota

    public init(member: NodeID, quota: LookupQuota) {
        self.member = member
        self.quota = quota
    }
}
