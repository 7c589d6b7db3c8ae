import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import SwiftASN1
import X509

/// A federation made from fixed keys, so that seeds written by one run verify in the next: the
/// root (fixed key and subject; its serial and signature differ per run, which no check of a
/// member's certificate looks at), one member's keys, its join request, its certificate and its
/// join bundle with an operator log that admits it.
public struct MembershipFixture: Sendable {
    /// The time every check runs at, and from which the certificates are valid.
    public static let now = Date(timeIntervalSince1970: 1_800_000_000)
    public static let federationName = "fuzz-federation"
    public static let memberName = "shop-fuzz"

    public let operatorKey: Curve25519.Signing.PrivateKey
    public let nodeKey: Curve25519.Signing.PrivateKey
    public let sealingKey: Curve25519.KeyAgreement.PrivateKey
    public let tlsKey: P256.Signing.PrivateKey
    public let authority: FederationAuthority

    public var nodeID: NodeID { NodeID(publicKey: nodeKey.publicKey) }
    public var operatorID: NodeID { NodeID(publicKey: operatorKey.publicKey) }

    public init() throws {
        operatorKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Self.key(1))
        nodeKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Self.key(2))
        sealingKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Self.key(3))
        tlsKey = try P256.Signing.PrivateKey(rawRepresentation: Self.key(4))
        let rootKey = try P256.Signing.PrivateKey(rawRepresentation: Self.key(5))
        let subject = try DistinguishedName {
            OrganizationName("Mibarai federation")
            CommonName(Self.federationName)
        }
        let operatorID = NodeID(publicKey: operatorKey.publicKey)
        // As `FederationAuthority.create`, with a fixed key.
        let root = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(rootKey.publicKey),
            notValidBefore: Self.now.addingTimeInterval(-86_400), notValidAfter: Self.now.addingTimeInterval(3_650 * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(rootKey.publicKey))
                SubjectAlternativeNames([.uniformResourceIdentifier("urn:mibarai:operator:\(operatorID)")])
            },
            issuerPrivateKey: .init(rootKey)
        )
        authority = try FederationAuthority(rootPEM: try root.serializeAsPEM().pemString, keyPEM: rootKey.pemRepresentation)
    }

    /// The member's join request.
    public func request() throws -> MembershipRequest {
        try MembershipRequest.make(name: Self.memberName, signingKey: nodeKey, sealingKey: sealingKey.publicKey, tlsKey: tlsKey)
    }

    /// The member's certificate, issued by the root.
    public func certificate() throws -> Certificate {
        try authority.issue(try request().verified(), role: .shop, region: "kanto", now: Self.now)
    }

    /// The join bundle the operator would hand the member, with an operator log that admits it.
    public func bundle() throws -> JoinBundle {
        let admission = MemberAdmission(member: nodeID, sealingKey: sealingKey.publicKey, role: .shop, name: Self.memberName, region: "kanto")
        let entry = try LogEntry.make(signer: operatorKey, seq: 1, previous: .zero, body: .admit(admission))
        return try JoinBundle(federation: Self.federationName, root: authority.root, certificate: try certificate(),
                              operatorKey: operatorID, operatorLog: [entry.encoded])
    }

    /// DER of a certificate.
    public static func der(_ certificate: Certificate) throws -> [UInt8] {
        var s = DER.Serializer()
        try s.serialize(certificate)
        return s.serializedBytes
    }

    /// JSON as the CLI writes its files (`Console.jsonEncoder()`: snake_case keys, sorted).
    public static func json(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array(try encoder.encode(value))
    }

    /// JSON as the CLI reads its files (`OperatorFiles.decoder()`: snake_case keys).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    private static func key(_ n: UInt8) -> [UInt8] { (0..<32).map { UInt8($0) &* 31 &+ n } }
}
