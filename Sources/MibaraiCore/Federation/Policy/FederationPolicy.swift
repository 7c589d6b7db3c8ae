/// The federation's policy: what the operator's latest `policy` entry says, in full. A setting it
/// does not name has its default; before any `policy` entry every setting has its default
/// (`Protocol/federation.md`, "Policy").
public struct FederationPolicy: Sendable, Hashable {
    /// The settings as signed, strictly ascending by code (unknown codes included: they are kept,
    /// never acted on).
    public let settings: [PolicySetting]

    /// At most this many settings in one entry.
    public static let maxSettings = 32

    /// Every setting at its default: what a federation without a `policy` entry runs.
    public static let defaults = FederationPolicy(settings: [])

    /// A policy that names the replicas setting only.
    public init(replicas: ReplicaPolicy) {
        self.init(settings: [.replicas(replicas)])
    }

    /// The settings in the order given: an entry's body holds them strictly ascending by code,
    /// known values in range (`LogBody.validate()` refuses anything else before signing).
    public init(settings: [PolicySetting]) {
        self.settings = settings
    }

    /// Settings 2 and 3, or their defaults.
    public var lookupQuota: LookupQuota {
        LookupQuota(daily: value(PolicySetting.dailyQuotaCode) ?? LookupQuota.defaultDaily,
                    burst: value(PolicySetting.burstCode) ?? LookupQuota.defaultBurst)
    }

    func value(_ code: UInt8) -> UInt64? { settings.first { $0.code == code }?.value }

    /// This policy with the given settings changed (nil: kept), settings sorted by code.
    public func with(replicas: ReplicaPolicy? = nil, dailyQuota: UInt64? = nil, burst: UInt64? = nil) -> FederationPolicy {
        var byCode = Dictionary(uniqueKeysWithValues: settings.map { ($0.code, $0.value) })
        if let replicas { byCode[PolicySetting.replicasCode] = replicas.rawValue }
        if let dailyQuota { byCode[PolicySetting.dailyQuotaCode] = dailyQuota }
        if let burst { byCode[PolicySetting.burstCode] = burst }
        return FederationPolicy(settings: byCode.keys.sorted().map { PolicySetting(code: $0, value: byCode[$0]!) })
    }

    /// Setting 1; `all` when the entry does not name it.
    public var replicas: ReplicaPolicy {
        settings.first { $0.code == PolicySetting.replicasCode }.flatMap { ReplicaPolicy(rawValue: $0.value) } ?? .all
    }
}
