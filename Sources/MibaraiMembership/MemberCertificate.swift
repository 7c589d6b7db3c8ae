import Crypto
import Foundation
import MibaraiCore
import SwiftASN1
import X509

/// A member as its certificate names it. Built from a certificate that the TLS layer (or
/// `verify(issuedBy:at:)`) has already checked against the federation root.
public struct MemberCertificate: Sendable {
    public let certificate: Certificate
    public let name: String
    public let nodeID: NodeID
    public let sealingKey: [UInt8]
    public let role: MemberRole
    public let region: String

    public init(_ certificate: Certificate) throws(MembershipError) {
        guard let name = certificate.subject.commonName else { throw .missingName(ja: "共通名 (CN)", en: "a common name") }
        var uris: [String] = []
        if let san = try? certificate.extensions.subjectAlternativeNames { uris = san.uris }
        let names = MemberName.parse(uris)
        guard let node = names["node"], let nodeID = NodeID(hex: node) else { throw .missingName(ja: "ノード鍵", en: "a node key") }
        guard let sealing = names["sealing"].flatMap(Hex.decode), sealing.count == 32 else { throw .missingName(ja: "封緘鍵", en: "a sealing key") }
        guard let role = MemberRole.allCases.first(where: { $0.name == names["role"] }) else { throw .missingName(ja: "役割", en: "a role") }
        guard let region = names["region"], MemberName.isValidLabel(region) else { throw .missingName(ja: "地域", en: "a region") }
        self.certificate = certificate
        self.name = name
        self.nodeID = nodeID
        self.sealingKey = sealing
        self.role = role
        self.region = region
    }

    public init(pem: String) throws(MembershipError) {
        let c: Certificate
        do { c = try Certificate(pemEncoded: pem) } catch { throw .malformed(ja: "参加証明書", en: "the member certificate") }
        try self.init(c)
    }

    /// The certificate's serial number, hex: what a revocation names.
    public var serial: String { Hex.encode(certificate.serialNumber.bytes.map { $0 }) }

    public var notValidAfter: Date { certificate.notValidAfter }

    /// Checks that the root signed this certificate and that `date` is inside its validity.
    public func verify(issuedBy root: Certificate, at date: Date) throws(MembershipError) {
        guard certificate.issuer == root.subject, root.publicKey.isValidSignature(certificate.signature, for: certificate) else {
            throw .notIssuedByRoot
        }
        try checkValidity(at: date)
    }

    /// Checks only that `date` is inside the certificate's validity.
    public func checkValidity(at date: Date) throws(MembershipError) {
        if date < certificate.notValidBefore { throw .notYetValid }
        if date > certificate.notValidAfter { throw .expired }
    }
}
