import Crypto
import Foundation
import MibaraiCore
import SwiftASN1
import X509

/// What a node sends the operator to join (`mibarai node csr`): a certificate signing request
/// for its P-256 TLS key, naming its Ed25519 log key and X25519 sealing key, and signed a second
/// time with the log key so the operator knows the node holds it.
public struct MembershipRequest: Sendable, Codable, Hashable {
    public var version: Int
    /// The node's name (`node_id`).
    public var name: String
    /// Its Ed25519 log key, hex.
    public var nodeId: String
    /// Its X25519 sealing key, hex.
    public var sealingKey: String
    /// The PKCS #10 request, PEM.
    public var csr: String
    /// Ed25519 signature by the log key over "mibarai/join/v1" ‖ 0 ‖ the request's DER, hex.
    public var signature: String

    static let context = Array("mibarai/join/v1".utf8) + [0]

    public static func make(
        name: String, signingKey: Curve25519.Signing.PrivateKey, sealingKey: Curve25519.KeyAgreement.PublicKey,
        tlsKey: P256.Signing.PrivateKey
    ) throws -> MembershipRequest {
        guard MemberName.isValidNodeName(name) else { throw MembershipError.invalidField(ja: "node_id", en: "node_id") }
        let nodeID = NodeID(publicKey: signingKey.publicKey)
        let sealing = Hex.encode(Array(sealingKey.rawRepresentation))
        let extensions = try Certificate.Extensions {
            SubjectAlternativeNames([
                .uniformResourceIdentifier(MemberName.uri("node", nodeID.description)),
                .uniformResourceIdentifier(MemberName.uri("sealing", sealing)),
            ])
        }
        let csr = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName(name) },
            privateKey: Certificate.PrivateKey(tlsKey),
            attributes: try CertificateSigningRequest.Attributes([.init(ExtensionRequest(extensions: extensions))]),
            signatureAlgorithm: .ecdsaWithSHA256
        )
        var der = DER.Serializer()
        try der.serialize(csr)
        let signature = try signingKey.signature(for: Self.context + der.serializedBytes)
        return MembershipRequest(
            version: 1, name: name, nodeId: nodeID.description, sealingKey: sealing,
            csr: try csr.serializeAsPEM().pemString, signature: Hex.encode(Array(signature))
        )
    }

    /// The request after every check: both signatures, the names inside the CSR agreeing with
    /// the outside, valid keys.
    public struct Verified: Sendable {
        public let name: String
        public let nodeID: NodeID
        public let sealingKey: [UInt8]
        public let csr: CertificateSigningRequest
    }

    public func verified() throws(MembershipError) -> Verified {
        guard version == 1 else { throw .malformed(ja: "参加申請 (版 \(version))", en: "the join request (version \(version))") }
        guard MemberName.isValidNodeName(name) else { throw .invalidField(ja: "node_id", en: "node_id") }
        guard let nodeID = NodeID(hex: nodeId), let key = nodeID.publicKey else { throw .invalidField(ja: "node_id の鍵", en: "node_id key") }
        guard let sealing = Hex.decode(sealingKey), (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: sealing)) != nil else {
            throw .invalidField(ja: "封緘鍵 (sealing_key)", en: "sealing_key")
        }
        let request: CertificateSigningRequest
        let der: [UInt8]
        do {
            request = try CertificateSigningRequest(pemEncoded: csr)
            var s = DER.Serializer()
            try s.serialize(request)
            der = s.serializedBytes
        } catch {
            throw .malformed(ja: "証明書署名要求 (CSR)", en: "the certificate signing request")
        }
        guard request.publicKey.isValidSignature(request.signature, for: request) else { throw .badSignature(ja: "証明書署名要求 (CSR)", en: "the certificate signing request") }
        guard let sig = Hex.decode(signature), key.isValidSignature(sig, for: Self.context + der) else {
            throw .badSignature(ja: "参加申請", en: "the join request")
        }
        guard request.subject.commonName == name else { throw .invalidField(ja: "申請の共通名 (CN)", en: "the request's common name") }
        var uris: [String] = []
        if let ext = try? request.attributes.extensionRequest, let san = try? ext.extensions.subjectAlternativeNames {
            uris = san.uris
        }
        let names = MemberName.parse(uris)
        guard names["node"] == nodeId, names["sealing"] == sealingKey else { throw .invalidField(ja: "申請に含まれる名前", en: "the request's names") }
        return Verified(name: name, nodeID: nodeID, sealingKey: sealing, csr: request)
    }
}
