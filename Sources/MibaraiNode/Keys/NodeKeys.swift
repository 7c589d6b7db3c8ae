import Crypto
import Foundation
import MibaraiCore

/// The node's key files: its own signing identity (`node.key`) and the federation's blinding keys
/// (`federation-keys.json`). Both are written mode 0600 and never printed.
public enum NodeKeys {
    public static let nodeKeyFile = "node.key"
    public static let federationKeysFile = "federation-keys.json"

    private struct FederationKeysFile: Codable {
        struct Epoch: Codable {
            var epoch: UInt32
            var key: String
            /// The day this node took the key (YYYY-MM-DD); absent in files written before it was
            /// kept, and then the older epochs never retire (``EpochRetirement``).
            var adoptedOn: String?

            enum CodingKeys: String, CodingKey {
                case epoch, key
                case adoptedOn = "adopted_on"
            }
        }

        var primary: UInt32
        var epochs: [Epoch]
    }

    public static func writeNodeKey(_ key: Curve25519.Signing.PrivateKey, to url: URL) throws {
        try writePrivate(Data(key.rawRepresentation.base64EncodedString().utf8), to: url)
    }

    public static func readNodeKey(_ url: URL) throws(NodeError) -> Curve25519.Signing.PrivateKey {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            throw .data(ja: "ノード鍵が読めません: \(url.path)", en: "cannot read the node key \(url.path)")
        }
        return key
    }

    /// `adoptedOn`: the day the node took each key, for the epochs it knows it of.
    public static func writeKeyring(_ keyring: Keyring, adoptedOn: [UInt32: LocalDate], to url: URL) throws {
        try writePrivate(try encode(keyring, adoptedOn: adoptedOn), to: url)
    }

    private static func encode(_ keyring: Keyring, adoptedOn: [UInt32: LocalDate]) throws -> Data {
        let file = FederationKeysFile(
            primary: keyring.primary.epoch,
            epochs: keyring.accepted.map {
                .init(epoch: $0.epoch, key: Data($0.keyBytes).base64EncodedString(), adoptedOn: adoptedOn[$0.epoch]?.description)
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(file)
    }

    public static func readKeyring(_ url: URL) throws(NodeError) -> Keyring {
        try readKeyringAndAdoption(url).keyring
    }

    /// The keyring and the day the node took each key (for the epochs whose day it kept).
    public static func readKeyringAndAdoption(_ url: URL) throws(NodeError) -> (keyring: Keyring, adoptedOn: [UInt32: LocalDate]) {
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(FederationKeysFile.self, from: data) else {
            throw .data(ja: "連合鍵ファイルが読めません: \(url.path)", en: "cannot read the federation keys \(url.path)")
        }
        var adoptedOn: [UInt32: LocalDate] = [:]
        var keys: [EpochKey] = []
        for e in file.epochs {
            guard let raw = Data(base64Encoded: e.key), let key = EpochKey(epoch: e.epoch, keyBytes: Array(raw)) else {
                throw .data(ja: "連合鍵ファイルのエポック \(e.epoch) が不正です。", en: "epoch \(e.epoch) in the federation keys is malformed")
            }
            keys.append(key)
            if let text = e.adoptedOn {
                guard let day = LocalDate(parsing: text) else {
                    throw .data(ja: "連合鍵ファイルのエポック \(e.epoch) の日付が不正です。", en: "the date of epoch \(e.epoch) in the federation keys is malformed")
                }
                adoptedOn[e.epoch] = day
            }
        }
        guard let primary = keys.first(where: { $0.epoch == file.primary }) else {
            throw .data(ja: "連合鍵ファイルに主エポックがありません。", en: "the federation keys lack their primary epoch")
        }
        return (Keyring(primary: primary, older: keys), adoptedOn)
    }

    /// The keyring and adoption days in a data directory.
    static func readKeyringAndAdoption(_ dir: DataDirectory) throws(NodeError) -> (keyring: Keyring, adoptedOn: [UInt32: LocalDate]) {
        try readKeyringAndAdoption(dir.file(federationKeysFile))
    }

    /// Replaces the federation keys file (0600, written beside it and renamed over it). Callers
    /// hold the directory's lock (``DataDirectory/withLock(_:)``).
    static func replaceKeyring(_ keyring: Keyring, adoptedOn: [UInt32: LocalDate], in dir: DataDirectory) throws(NodeError) {
        let data: Data
        do { data = try encode(keyring, adoptedOn: adoptedOn) } catch {
            throw .software(ja: "連合鍵を書き出せません。", en: "cannot encode the federation keys.")
        }
        try dir.replacePrivate(federationKeysFile, with: data)
    }

    /// Writes a new file readable by its owner only; fails if the file exists (O_EXCL).
    public static func writePrivate(_ data: Data, to url: URL) throws(NodeError) {
        try DataDirectory.writeNew(data, to: url)
    }
}
