/// One setting of a `policy` entry (`Protocol/federation.md`, "Policy"): a registered code and its
/// value. Codes are explicit and append-only; a receiver keeps and ignores codes it does not know.
public struct PolicySetting: Sendable, Hashable {
    public var code: UInt8
    public var value: UInt64

    public init(code: UInt8, value: UInt64) {
        self.code = code
        self.value = value
    }

    /// Setting 1: which nodes replicate other origins' records (`ReplicaPolicy`).
    public static let replicasCode: UInt8 = 1

    /// Setting 2: identities a shop may ask per day, all hubs together (0: no limit).
    public static let dailyQuotaCode: UInt8 = 2
    /// Setting 3: identities a shop may ask per minute at one hub (0: no limit).
    public static let burstCode: UInt8 = 3

    public static func replicas(_ p: ReplicaPolicy) -> PolicySetting { PolicySetting(code: replicasCode, value: p.rawValue) }
}
