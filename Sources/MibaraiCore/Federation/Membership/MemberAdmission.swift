import Crypto

/// The body of an `admit` entry: the operator vouches for a member's keys.
public struct MemberAdmission: Sendable, Hashable {
    /// The member's Ed25519 signing key, which is also its `NodeID`.
    public var member: NodeID
    /// The member's X25519 key: epoch keys are sealed to it.
    public var sealingKey: [UInt8]
    public var role: MemberRole
    /// The name its records carry as their origin (1–64 bytes of UTF-8), e.g. `shop-osaka-012`.
    public var name: String
    /// A region label (0–32 bytes of UTF-8), e.g. `kansai`.
    public var region: String

    public init(member: NodeID, sealingKey: [UInt8], role: MemberRole, name: String, region: String) {
        self.member = member
        self.sealingKey = sealingKey
        self.role = role
        self.name = name
        self.region = region
    }

    public init(member: NodeID, sealingKey: Curve25519.KeyAgreement.PublicKey, role: MemberRole, name: String, region: String) {
        self.init(member: member, sealingKey: Array(sealingKey.rawRepresentation), role: role, name: name, region: region)
    }
}
