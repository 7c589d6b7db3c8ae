import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import X509
import MibaraiNode

/// The operator's directory (`--operator-dir`), kept apart from any node and offline when it can
/// be: the federation root and its key, the operator's log key, and the list of what was issued.
///
///     federation.json        name and the operator's log key (public)
///     root.pem               the root certificate (public: every member gets it)
///     root.key               the root's private key (0600)
///     operator.key           the operator's Ed25519 log key (0600)
///     issued.jsonl           one line per certificate issued (serial, name, node key, role, region, expiry)
struct OperatorFiles {
    struct Info: Codable {
        var name: String
        var operatorKey: String
    }

    struct Issued: Codable {
        var serial: String
        var name: String
        var nodeId: String
        var role: String
        var region: String
        var notValidAfter: String
    }

    let directory: URL

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    /// Creates the directory and its files, all or nothing (built beside it, then renamed into
    /// place); refuses an existing directory.
    static func create(at directory: URL, name: String, now: Date, validityDays: Int) throws(NodeError) -> (FederationAuthority, NodeID) {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.path) {
            throw .usage(ja: "このディレクトリは既にあります (連合は空の新しい場所に作ります): \(directory.path)", en: "\(directory.path) exists: a federation is created in a new directory")
        }
        let operatorKey = Curve25519.Signing.PrivateKey()
        let operatorID = NodeID(publicKey: operatorKey.publicKey)
        let authority: FederationAuthority
        do { authority = try FederationAuthority.create(name: name, operatorKey: operatorID, now: now, validityDays: validityDays) } catch let e as MembershipError {
            throw .data(e.message)
        } catch {
            throw .software(ja: "ルート証明書を作れません", en: "cannot create the root certificate")
        }
        let staging = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent).\(UUID().uuidString)")
        let files = OperatorFiles(directory: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try NodeKeys.writePrivate(Data(authority.keyPEM.utf8), to: files.url("root.key"))
            try NodeKeys.writePrivate(Data(operatorKey.rawRepresentation.base64EncodedString().utf8), to: files.url("operator.key"))
            try Data(try authority.root.serializeAsPEM().pemString.utf8).write(to: files.url("root.pem"))
            try Console.jsonEncoder().encode(Info(name: name, operatorKey: operatorID.description)).write(to: files.url("federation.json"))
            try fm.moveItem(at: staging, to: directory)
        } catch {
            try? fm.removeItem(at: staging)
            throw .cannotCreate(ja: "連合のファイルを書き込めません: \(directory.path)", en: "cannot write the federation files in \(directory.path)")
        }
        return (authority, operatorID)
    }

    /// Members already issued, oldest first.
    func issued() -> [Issued] {
        guard let text = try? String(contentsOf: url("issued.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? Self.decoder().decode(Issued.self, from: Data($0.utf8)) }
    }

    /// Reads the authority and the operator's public log key.
    func open() throws(NodeError) -> (FederationAuthority, NodeID) {
        guard let rootPEM = try? String(contentsOf: url("root.pem"), encoding: .utf8),
              let keyPEM = try? String(contentsOf: url("root.key"), encoding: .utf8),
              let infoData = try? Data(contentsOf: url("federation.json")),
              let info = try? Self.decoder().decode(Info.self, from: infoData)
        else {
            throw .noInput(
                ja: "連合のディレクトリが読めません (mibarai federation init で作成): \(directory.path)",
                en: "cannot read the federation in \(directory.path) (create it with mibarai federation init)"
            )
        }
        let authority: FederationAuthority
        do { authority = try FederationAuthority(rootPEM: rootPEM, keyPEM: keyPEM) } catch { throw .data(error.message) }
        guard let op = NodeID(hex: info.operatorKey) else {
            throw .data(ja: "federation.json の operator_key が不正です。", en: "operator_key in federation.json is malformed.")
        }
        return (authority, op)
    }

    /// Appends one line to `issued.jsonl` (created on first use); earlier lines are never rewritten.
    func record(_ issued: Issued) throws(NodeError) {
        guard let line = try? Console.jsonEncoder().encode(issued) else {
            throw .software(ja: "発行記録を作れません。", en: "cannot encode the ledger line.")
        }
        try append(line + Data("\n".utf8), to: "issued.jsonl", ja: "発行記録")
    }

    /// Appends bytes to a file of the directory (created 0600 on first use) and syncs it; earlier
    /// bytes are never rewritten. `ja` names the file in the Japanese error.
    func append(_ data: Data, to name: String, ja: String) throws(NodeError) {
        let path = url(name).path
        do {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw CocoaError(.fileWriteUnknown)
                }
            }
            let handle = try FileHandle(forWritingTo: url(name))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            throw .cannotCreate(ja: "\(ja)を書き込めません: \(path)", en: "cannot write \(path)")
        }
    }
}
