import Crypto
import Foundation
import MibaraiCore
import SwiftASN1
import X509

/// The federation's certificate authority, held by its operator (`mibarai federation init`): a
/// P-256 root certificate and key. It signs one certificate per member, binding the member's
/// name, log key, sealing key, role and region. Time is passed in; nothing here reads a clock.
public struct FederationAuthority: Sendable {
    public let name: String
    public let root: Certificate
    private let key: P256.Signing.PrivateKey

    /// A new root, valid from `now` for `validityDays`. The operator's log key is written into it,
    /// so a member who trusts the root also knows which key signs epoch keys and revocations.
    public static func create(name: String, operatorKey: NodeID, now: Date, validityDays: Int = 3_650) throws -> FederationAuthority {
        guard MemberName.isValidNodeName(name) else { throw MembershipError.invalidField(ja: "連合の名前", en: "the federation name") }
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            OrganizationName("Mibarai federation")
            CommonName(name)
        }
        let root = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Double(validityDays) * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(key.publicKey))
                SubjectAlternativeNames([.uniformResourceIdentifier(MemberName.uri("operator", operatorKey.description))])
            },
            issuerPrivateKey: .init(key)
        )
        return FederationAuthority(name: name, root: root, key: key)
    }

    private init(name: String, root: Certificate, key: P256.Signing.PrivateKey) {
        self.name = name
        self.root = root
        self.key = key
    }

    /// Reads an authority back from its PEM files; the key must belong to the root.
    public init(rootPEM: String, keyPEM: String) throws(MembershipError) {
        let root: Certificate
        let key: P256.Signing.PrivateKey
        do { root = try Certificate(pemEncoded: rootPEM) } catch { throw .malformed(ja: "ルート証明書", en: "the root certificate") }
        do { key = try P256.Signing.PrivateKey(pemRepresentation: keyPEM) } catch { throw .malformed(ja: "ルート鍵", en: "the root key") }
        guard root.publicKey == Certificate.PublicKey(key.publicKey) else { throw .keyMismatch(ja: "ルート鍵", en: "the root key") }
        guard let cn = root.subject.commonName else { throw .missingName(ja: "連合の名前", en: "a federation name") }
        self.init(name: cn, root: root, key: key)
    }

    /// The operator's log key named in the root.
    public var operatorKey: NodeID? { Self.operatorKey(of: root) }

    static func operatorKey(of root: Certificate) -> NodeID? {
        guard let san = try? root.extensions.subjectAlternativeNames else { return nil }
        return MemberName.parse(san.uris)["operator"].flatMap(NodeID.init(hex:))
    }

    /// SHA-256 of the root's DER, hex in groups of four: what members compare out of band.
    public static func fingerprint(of certificate: Certificate) -> String {
        var der = DER.Serializer()
        guard (try? der.serialize(certificate)) != nil else { return "" }
        let hex = Hex.encode(Array(SHA256.hash(data: der.serializedBytes)))
        return stride(from: 0, to: hex.count, by: 4).map { i in
            let a = hex.index(hex.startIndex, offsetBy: i)
            return String(hex[a..<hex.index(a, offsetBy: 4)])
        }.joined(separator: ":")
    }

    /// The root key as PEM (to be stored 0600 by the operator).
    public var keyPEM: String { key.pemRepresentation }

    /// Issues a member certificate for a verified request: TLS client and server use, the
    /// member's names as URIs, valid from `now` for `validityDays` (negative for tests of
    /// expired certificates is refused; use `notValidBefore` in the past instead).
    public func issue(
        _ request: MembershipRequest.Verified, role: MemberRole, region: String, now: Date, validityDays: Int = 365,
        notValidBefore: Date? = nil
    ) throws(MembershipError) -> Certificate {
        guard MemberName.isValidLabel(region) else { throw .invalidField(ja: "地域", en: "the region") }
        guard validityDays > 0 else { throw .invalidField(ja: "有効期間", en: "the validity") }
        let start = notValidBefore ?? now.addingTimeInterval(-300)
        do {
            return try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: request.csr.publicKey,
                notValidBefore: start, notValidAfter: start.addingTimeInterval(Double(validityDays) * 86_400 + 300),
                issuer: root.subject, subject: try DistinguishedName { CommonName(request.name) },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyAgreement: true))
                    try ExtendedKeyUsage([.serverAuth, .clientAuth])
                    SubjectAlternativeNames([
                        .uniformResourceIdentifier(MemberName.uri("node", request.nodeID.description)),
                        .uniformResourceIdentifier(MemberName.uri("sealing", Hex.encode(request.sealingKey))),
                        .uniformResourceIdentifier(MemberName.uri("role", role.name)),
                        .uniformResourceIdentifier(MemberName.uri("region", region)),
                        .dnsName(request.name.lowercased()),
                    ])
                },
                issuerPrivateKey: .init(key)
            )
        } catch {
            throw .malformed(ja: "発行する証明書", en: "the certificate being issued")
        }
    }
}
