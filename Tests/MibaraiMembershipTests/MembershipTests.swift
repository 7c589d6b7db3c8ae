import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import MibaraiTestSupport
import Testing
import SwiftASN1
import X509

@Suite("Federation membership")
struct MembershipTests {
    static let operatorSigner = Curve25519.Signing.PrivateKey()
    static let operatorKey = NodeID(publicKey: operatorSigner.publicKey)
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    let signing = Curve25519.Signing.PrivateKey()
    let sealing = Curve25519.KeyAgreement.PrivateKey()
    let tls = P256.Signing.PrivateKey()

    func request(name: String = "shop-maruyama") throws -> MembershipRequest {
        try MembershipRequest.make(name: name, signingKey: signing, sealingKey: sealing.publicKey, tlsKey: tls)
    }

    @Test func anIssuedCertificateNamesTheMembersKeysRoleAndRegion() throws {
        let ca = try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: now)
        let verified = try request().verified()
        let cert = try ca.issue(verified, role: .hub, region: "kanto", now: now)
        let member = try MemberCertificate(cert)
        #expect(member.name == "shop-maruyama")
        #expect(member.nodeID == NodeID(publicKey: signing.publicKey))
        #expect(member.sealingKey == Array(sealing.publicKey.rawRepresentation))
        #expect(member.role == .hub)
        #expect(member.region == "kanto")
        #expect(cert.publicKey == Certificate.PublicKey(tls.publicKey))
        try member.verify(issuedBy: ca.root, at: now)
        #expect(throws: MembershipError.self) { try member.verify(issuedBy: ca.root, at: now.addingTimeInterval(400 * 86_400)) }
        let other = try FederationAuthority.create(name: "other", operatorKey: MembershipTests.operatorKey, now: now)
        #expect(throws: MembershipError.self) { try member.verify(issuedBy: other.root, at: now) }
    }

    @Test func anAuthorityRoundTripsThroughItsPEMFiles() throws {
        let ca = try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: now)
        let again = try FederationAuthority(rootPEM: try ca.root.serializeAsPEM().pemString, keyPEM: ca.keyPEM)
        #expect(again.name == "kanto-assoc")
        #expect(again.root == ca.root)
        let stranger = P256.Signing.PrivateKey().pemRepresentation
        #expect(throws: MembershipError.self) { try FederationAuthority(rootPEM: try ca.root.serializeAsPEM().pemString, keyPEM: stranger) }
    }

    @Test func alteredOrForeignRequestsAreRefused() throws {
        var renamed = try request()
        renamed.name = "shop-other"
        #expect(throws: MembershipError.self) { try renamed.verified() }

        // Someone else's log key claimed with a valid CSR: the second signature fails.
        var claimed = try request()
        claimed.nodeId = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey).description
        #expect(throws: MembershipError.self) { try claimed.verified() }

        // A CSR swapped in from another request.
        var swapped = try request()
        swapped.csr = try MembershipRequest.make(
            name: "shop-maruyama", signingKey: signing, sealingKey: sealing.publicKey, tlsKey: P256.Signing.PrivateKey()
        ).csr
        #expect(throws: MembershipError.self) { try swapped.verified() }

        #expect(throws: (any Error).self) { try self.request(name: "bad name!") }
    }

    @Test func aJoinBundleIsCheckedAgainstTheJoiningNode() throws {
        let ca = try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: now)
        let cert = try ca.issue(try request().verified(), role: .shop, region: "kanto", now: now)
        let operatorKey = Self.operatorKey
        #expect(ca.operatorKey == operatorKey)
        let bundle = try JoinBundle(federation: ca.name, root: ca.root, certificate: cert, operatorKey: operatorKey)
        // An operator key swapped in transit does not match the one the root names.
        var swappedKey = bundle
        swappedKey.operatorKey = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey).description
        #expect(throws: MembershipError.self) { try swappedKey.verified(nodeID: NodeID(publicKey: signing.publicKey), tlsPublicKey: .init(tls.publicKey), at: now) }
        let decoded = try JSONDecoder().decode(JoinBundle.self, from: try JSONEncoder().encode(bundle))
        let me = NodeID(publicKey: signing.publicKey)
        let ok = try decoded.verified(nodeID: me, tlsPublicKey: .init(tls.publicKey), at: now)
        #expect(ok.operatorKey == operatorKey)
        #expect(ok.member.role == .shop)
        #expect(throws: MembershipError.self) {
            try decoded.verified(nodeID: NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey), tlsPublicKey: .init(tls.publicKey), at: now)
        }
        #expect(throws: MembershipError.self) {
            try decoded.verified(nodeID: me, tlsPublicKey: .init(P256.Signing.PrivateKey().publicKey), at: now)
        }
        var forged = decoded
        forged.root = try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: now).root.serializeAsPEM().pemString
        #expect(throws: MembershipError.self) { try forged.verified(nodeID: me, tlsPublicKey: .init(tls.publicKey), at: now) }
    }

    /// OpenSSL, an independent implementation, accepts what the authority issues for TLS on both
    /// ends, and reads the member's names from it.
    @Test
    func openSSLVerifiesTheChainForClientAndServerUse() throws {
        let dir = TemporaryDirectory("mibarai-pki")
        let ca = try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: Date())
        let cert = try ca.issue(try request().verified(), role: .shop, region: "kanto", now: Date())
        try ca.root.serializeAsPEM().pemString.write(toFile: dir.path("root.pem"), atomically: true, encoding: .utf8)
        try cert.serializeAsPEM().pemString.write(toFile: dir.path("member.pem"), atomically: true, encoding: .utf8)
        let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
        for purpose in ["sslclient", "sslserver"] {
            let r = try CommandRunner.run(openssl, ["verify", "-CAfile", dir.path("root.pem"), "-purpose", purpose, dir.path("member.pem")])
            #expect(r.status == 0, "\(purpose): \(r.allOutput)")
            #expect(r.stdout.contains("OK"))
        }
        let text = try CommandRunner.run(openssl, ["x509", "-in", dir.path("member.pem"), "-noout", "-text"])
        #expect(text.stdout.contains("URI:urn:mibarai:node:\(NodeID(publicKey: signing.publicKey))"))
        #expect(text.stdout.contains("URI:urn:mibarai:role:shop"))
        #expect(text.stdout.contains("TLS Web Client Authentication"))
        let other = try FederationAuthority.create(name: "other", operatorKey: MembershipTests.operatorKey, now: Date())
        try other.root.serializeAsPEM().pemString.write(toFile: dir.path("other.pem"), atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(openssl, ["verify", "-CAfile", dir.path("other.pem"), dir.path("member.pem")])
        #expect(refused.status != 0)
    }
}

@Suite("Member gate")
struct MemberGateTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func member(_ ca: FederationAuthority, notValidBefore: Date? = nil, days: Int = 365) throws -> (Certificate, NodeID) {
        let signing = Curve25519.Signing.PrivateKey()
        let request = try MembershipRequest.make(
            name: "shop-x", signingKey: signing, sealingKey: Curve25519.KeyAgreement.PrivateKey().publicKey, tlsKey: P256.Signing.PrivateKey()
        )
        let cert = try ca.issue(try request.verified(), role: .shop, region: "kanto", now: now, validityDays: days, notValidBefore: notValidBefore)
        return (cert, NodeID(publicKey: signing.publicKey))
    }

    func der(_ c: Certificate) throws -> [UInt8] {
        var s = DER.Serializer()
        try s.serialize(c)
        return s.serializedBytes
    }

    @Test func admitsMembersAndRefusesStrangersTheExpiredAndTheRevoked() throws {
        let ca = try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: now)
        let (good, goodID) = try member(ca)
        var gate = MemberGate(root: ca.root)
        #expect(try gate.admit(der: try der(good), at: now).nodeID == goodID)

        let (foreign, _) = try member(try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: now))
        #expect(throws: MembershipError.self) { try gate.admit(der: try der(foreign), at: now) }

        let (old, _) = try member(ca, notValidBefore: now.addingTimeInterval(-40 * 86_400), days: 30)
        #expect(throws: MembershipError.self) { try gate.admit(der: try der(old), at: now) }

        #expect(throws: MembershipError.self) { try gate.admit(der: [0x30, 0x03, 0x02, 0x01, 0x00], at: now) }

        gate.revokedNodes = [goodID]
        #expect(throws: MembershipError.self) { try gate.admit(der: try der(good), at: now) }
        gate.revokedNodes = []
        gate.revokedSerials = [try MemberCertificate(good).serial]
        #expect(throws: MembershipError.self) { try gate.admit(der: try der(good), at: now) }
    }

    @Test func aCachedAdmissionIsStillRefusedOnceRevokedOrOutOfDate() throws {
        let ca = try FederationAuthority.create(name: "kanto-assoc", operatorKey: MembershipTests.operatorKey, now: now)
        let (good, goodID) = try member(ca, days: 30)
        var gate = MemberGate(root: ca.root)
        var cache = AdmissionCache(capacity: 2)
        let key = AdmissionCache.key(der: try der(good))
        cache.insert(try gate.admit(der: try der(good), at: now), for: key)
        let cached = try #require(cache[key])
        #expect(try gate.readmit(cached, at: now).nodeID == goodID)
        // The dates are checked on every use: the same cached member past its end, or before its start.
        #expect(throws: MembershipError.self) { try gate.readmit(cached, at: now.addingTimeInterval(31 * 86_400)) }
        #expect(throws: MembershipError.self) { try gate.readmit(cached, at: now.addingTimeInterval(-86_400)) }
        // A revocation refuses it even from the cache.
        gate.revokedNodes = [goodID]
        #expect(throws: MembershipError.self) { try gate.readmit(cached, at: now) }
        gate.revokedNodes = []
        gate.revokedSerials = [cached.serial]
        #expect(throws: MembershipError.self) { try gate.readmit(cached, at: now) }

        // Another certificate for the same member (re-issued) has another key; the cache stays bounded.
        let (other, _) = try member(ca)
        #expect(AdmissionCache.key(der: try der(other)) != key)
        for _ in 0..<3 {
            let (c, _) = try member(ca)
            cache.insert(try MemberCertificate(c), for: AdmissionCache.key(der: try der(c)))
        }
        #expect(cache.count == 2)
        cache.removeAll()
        #expect(cache[key] == nil && cache.count == 0)
    }
}
