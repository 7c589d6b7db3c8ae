import Foundation
import MibaraiCore
import X509

/// What the operator hands a new member (`mibarai federation issue`), and the member imports
/// (`mibarai node join`): the federation's root, the member's certificate, and the operator's
/// log key, which signs the epoch keys and revocations the gossip carries.
public struct JoinBundle: Sendable, Codable, Hashable {
    public var version: Int
    public var federation: String
    /// The federation root certificate, PEM.
    public var root: String
    /// The member's certificate, PEM.
    public var certificate: String
    /// The operator's Ed25519 log key, hex.
    public var operatorKey: String
    /// The operator's log so far (base64 entries, oldest first): the member's admission and its
    /// sealed epoch key among them. Absent in bundles made before the log existed.
    public var operatorLog: [String]?

    public init(federation: String, root: Certificate, certificate: Certificate, operatorKey: NodeID, operatorLog: [[UInt8]]? = nil) throws {
        self.operatorLog = operatorLog.map { $0.map { Data($0).base64EncodedString() } }
        version = 1
        self.federation = federation
        self.root = try root.serializeAsPEM().pemString
        self.certificate = try certificate.serializeAsPEM().pemString
        self.operatorKey = operatorKey.description
    }

    /// Every check a joining node makes before it imports the bundle: the root is a CA that
    /// signed itself, it signed the certificate, the certificate is valid at `date` and names
    /// this node's keys.
    public func verified(nodeID: NodeID, tlsPublicKey: Certificate.PublicKey, at date: Date) throws(MembershipError) -> (root: Certificate, member: MemberCertificate, operatorKey: NodeID) {
        guard version == 1 else { throw .malformed(ja: "参加バンドル (版 \(version))", en: "the join bundle (version \(version))") }
        let rootCert: Certificate
        do { rootCert = try Certificate(pemEncoded: root) } catch { throw .malformed(ja: "ルート証明書", en: "the root certificate") }
        guard rootCert.issuer == rootCert.subject, rootCert.publicKey.isValidSignature(rootCert.signature, for: rootCert) else {
            throw .badSignature(ja: "ルート証明書", en: "the root certificate")
        }
        let member = try MemberCertificate(pem: certificate)
        try member.verify(issuedBy: rootCert, at: date)
        guard member.nodeID == nodeID else { throw .keyMismatch(ja: "証明書のノード鍵", en: "the certificate's node key") }
        guard member.certificate.publicKey == tlsPublicKey else { throw .keyMismatch(ja: "証明書の TLS 鍵", en: "the certificate's TLS key") }
        guard let op = NodeID(hex: operatorKey), op.publicKey != nil,
              FederationAuthority.operatorKey(of: rootCert) == op
        else { throw .invalidField(ja: "運営者の鍵 (ルート証明書と一致しない)", en: "the operator key (it differs from the root's)") }
        return (rootCert, member, op)
    }
}
