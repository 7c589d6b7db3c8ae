import Foundation
import MibaraiCore
import X509

/// Who may connect: a peer whose certificate the federation root signed, valid now, and neither
/// its certificate nor its node revoked. The TLS layer asks the gate during the handshake, so a
/// refused peer never gets to send a request.
public struct MemberGate: Sendable {
    public let root: Certificate
    public var revokedSerials: Set<String>
    public var revokedNodes: Set<NodeID>

    public init(root: Certificate, revokedSerials: Set<String> = [], revokedNodes: Set<NodeID> = []) {
        self.root = root
        self.revokedSerials = revokedSerials
        self.revokedNodes = revokedNodes
    }

    /// Admits or refuses a peer's leaf certificate (DER) at `date`.
    public func admit(der: [UInt8], at date: Date) throws(MembershipError) -> MemberCertificate {
        let certificate: Certificate
        do { certificate = try Certificate(derEncoded: der) } catch {
            throw .malformed(ja: "相手の証明書", en: "the peer's certificate")
        }
        let member = try MemberCertificate(certificate)
        try member.verify(issuedBy: root, at: date)
        try checkNotRevoked(member)
        return member
    }

    /// Admits again a member this gate admitted before from the same certificate (an
    /// `AdmissionCache` hit): the root's signature is not checked again, but the validity dates at
    /// `date` and the revocations are.
    public func readmit(_ member: MemberCertificate, at date: Date) throws(MembershipError) -> MemberCertificate {
        try member.checkValidity(at: date)
        try checkNotRevoked(member)
        return member
    }

    private func checkNotRevoked(_ member: MemberCertificate) throws(MembershipError) {
        if revokedNodes.contains(member.nodeID) || !revokedSerials.isEmpty && revokedSerials.contains(member.serial) { throw .revoked }
    }
}
