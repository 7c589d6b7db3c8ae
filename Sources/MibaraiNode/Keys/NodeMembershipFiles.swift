import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import X509

/// A node's membership files in its data directory:
///
///     tls.key                the P-256 key of its TLS certificate (0600)
///     sealing.key            the X25519 key epoch keys are sealed to (0600)
///     federation/root.pem    the federation root it trusts
///     federation/node.pem    its member certificate
///     federation/operator.json  federation name and the operator's log key
public struct NodeMembershipFiles: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The TLS and sealing keys, created on first use.
    public func keys() throws(NodeError) -> (tls: P256.Signing.PrivateKey, sealing: Curve25519.KeyAgreement.PrivateKey) {
        do {
            if !FileManager.default.fileExists(atPath: url("tls.key").path) {
                try NodeKeys.writePrivate(Data(P256.Signing.PrivateKey().pemRepresentation.utf8), to: url("tls.key"))
            }
            if !FileManager.default.fileExists(atPath: url("sealing.key").path) {
                let key = Curve25519.KeyAgreement.PrivateKey()
                try NodeKeys.writePrivate(Data(key.rawRepresentation.base64EncodedString().utf8), to: url("sealing.key"))
            }
        } catch {
            throw .noInput(ja: "鍵ファイルを作れません: \(directory.path)", en: "cannot create the key files in \(directory.path)")
        }
        guard let pem = try? String(contentsOf: url("tls.key"), encoding: .utf8), let tls = try? P256.Signing.PrivateKey(pemRepresentation: pem) else {
            throw .data(ja: "TLS 鍵が読めません: \(url("tls.key").path)", en: "cannot read the TLS key \(url("tls.key").path)")
        }
        guard let text = try? String(contentsOf: url("sealing.key"), encoding: .utf8),
              let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let sealing = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
        else {
            throw .data(ja: "封緘鍵が読めません: \(url("sealing.key").path)", en: "cannot read the sealing key \(url("sealing.key").path)")
        }
        return (tls, sealing)
    }

    public struct OperatorInfo: Codable, Sendable {
        public var federation: String
        public var operatorKey: String
    }

    public var isMember: Bool { FileManager.default.fileExists(atPath: url("federation/node.pem").path) }

    /// Writes the verified bundle's files; all or nothing (a new directory moved into place).
    public func install(_ bundle: JoinBundle) throws(NodeError) {
        let fm = FileManager.default
        let staging = url(".federation-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try Data(bundle.root.utf8).write(to: staging.appendingPathComponent("root.pem"))
            try Data(bundle.certificate.utf8).write(to: staging.appendingPathComponent("node.pem"))
            try Self.jsonEncoder().encode(OperatorInfo(federation: bundle.federation, operatorKey: bundle.operatorKey))
                .write(to: staging.appendingPathComponent("operator.json"))
            // The old membership (a renewal) is moved aside, the new one moved in, then the old removed.
            let target = url("federation")
            let old = url(".federation-old-\(UUID().uuidString)")
            let hadOld = fm.fileExists(atPath: target.path)
            if hadOld { try fm.moveItem(at: target, to: old) }
            do {
                try fm.moveItem(at: staging, to: target)
            } catch {
                if hadOld { try? fm.moveItem(at: old, to: target) }
                throw error
            }
            if hadOld { try? fm.removeItem(at: old) }
        } catch {
            try? fm.removeItem(at: staging)
            throw .noInput(ja: "連合のファイルを書き込めません: \(directory.path)", en: "cannot write the federation files in \(directory.path)")
        }
    }

    public func member() throws(NodeError) -> (MemberCertificate, OperatorInfo) {
        guard let pem = try? String(contentsOf: url("federation/node.pem"), encoding: .utf8),
              let data = try? Data(contentsOf: url("federation/operator.json")),
              let info = try? Self.jsonDecoder().decode(OperatorInfo.self, from: data)
        else {
            throw .noInput(
                ja: "このノードはまだ連合に参加していません (mibarai node csr → mibarai node join)。",
                en: "this node has not joined a federation yet (mibarai node csr, then mibarai node join)."
            )
        }
        do { return (try MemberCertificate(pem: pem), info) } catch { throw .data(error.message) }
    }

    private static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    private static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
