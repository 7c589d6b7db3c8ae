import Crypto

/// Members a gate has admitted, keyed by the SHA-256 of the certificate's DER: a member that
/// reconnects with the same certificate is not parsed and checked against the root again
/// (`MemberGate.readmit` still checks the validity dates and the revocations on every use, and the
/// TLS handshake still proves that the peer holds the certificate's key). Whoever changes the
/// gate (a revocation) empties it. Bounded: when full, an arbitrary entry makes room.
public struct AdmissionCache: Sendable {
    public let capacity: Int
    private var members: [SHA256Digest: MemberCertificate] = [:]

    public init(capacity: Int = 4_096) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The key of a certificate's DER.
    public static func key(der: [UInt8]) -> SHA256Digest { SHA256.hash(data: der) }

    public var count: Int { members.count }

    public subscript(key: SHA256Digest) -> MemberCertificate? { members[key] }

    public mutating func insert(_ member: MemberCertificate, for key: SHA256Digest) {
        if members[key] == nil, members.count >= capacity { members.remove(at: members.startIndex) }
        members[key] = member
    }

    public mutating func removeAll() {
        members.removeAll(keepingCapacity: true)
    }
}
