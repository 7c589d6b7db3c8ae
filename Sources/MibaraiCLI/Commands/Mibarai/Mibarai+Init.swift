import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiNode

extension Mibarai {
    /// `mibarai init`: creates a node's data directory.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "ノードを作成する / Create a node: data directory, node key, development federation key, database.",
            discussion: """
            作成するもの / Creates: mibarai.toml (設定 / settings), node.key (ノードの署名鍵 / signing key),
            federation-keys.json (開発用の連合鍵 / a development blinding key, until the node joins a
            federation), mibarai.sqlite. 既存のノードは上書きしません / An existing node is never overwritten.
            """
        )

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("node-id"), help: "ノード名 / Node name (default: shop- + key fingerprint).")
        var nodeID: String?

        func run() async throws {
            try await NodeError.guarded {
                let console = global.console
                let dir = global.dataDirectory
                let fm = FileManager.default
                let configURL = dir.appendingPathComponent(NodeConfiguration.fileName)
                let nodeFiles = [NodeConfiguration.fileName, NodeKeys.nodeKeyFile, NodeKeys.federationKeysFile, DataDirectory.databaseFile]
                if let existing = nodeFiles.first(where: { fm.fileExists(atPath: dir.appendingPathComponent($0).path) }) {
                    throw NodeError.usage(
                        ja: "ノードのファイルが既にあります (\(existing)): \(dir.path)。上書きはしません。",
                        en: "\(dir.path) already holds a node file (\(existing)); nothing is overwritten."
                    )
                }
                do {
                    try fm.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                    // The directory will hold raw personal data: owner only, even if it existed.
                    try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir.path)
                } catch {
                    throw NodeError.noInput(ja: "ディレクトリを作成できません: \(dir.path)", en: "cannot create \(dir.path)")
                }
                let nodeKey = Curve25519.Signing.PrivateKey()
                let fingerprint = Hex.encode(Array(SHA256.hash(data: nodeKey.publicKey.rawRepresentation)).prefix(4))
                let config = try NodeConfiguration.parse("node_id = \"\(nodeID ?? "shop-\(fingerprint)")\"")
                let keyring = Keyring(primary: EpochKey.generate(epoch: 1))
                do {
                    try NodeKeys.writeNodeKey(nodeKey, to: dir.appendingPathComponent(NodeKeys.nodeKeyFile))
                    try NodeKeys.writeKeyring(keyring, adoptedOn: [1: Node.todayInJapan()], to: dir.appendingPathComponent(NodeKeys.federationKeysFile))
                    // Made empty and owner-only first: SQLite gives its -wal and -shm files the same mode.
                    let database = dir.appendingPathComponent(DataDirectory.databaseFile)
                    try DataDirectory.writeNew(Data(), to: database)
                    _ = try AppDatabase(path: database.path)
                    _ = try NodeSecrets.velocityKey(in: dir)
                    _ = try NodeSecrets.apiToken(in: dir)
                    // The configuration is written last: its presence marks a complete node.
                    try Data(config.template.utf8).write(to: configURL)
                } catch let e as StoreError {
                    throw NodeError.store(e)
                }
                // At a terminal, the web page's password can be set now (Enter leaves it for `mibarai web password`).
                if !global.json, isatty(STDIN_FILENO) == 1 {
                    console.say(ja: "ウェブページのパスワードを設定します (\(WebPassword.minimumLength)文字以上。Enter で後回し)。",
                                en: "Set the web page's password (\(WebPassword.minimumLength) characters at least; Enter to do it later).")
                    let password = try PasswordPrompt.read(console: console, confirm: true, allowEmpty: true)
                    if !password.isEmpty { try DataDirectory(dir).setWebPassword(try WebPassword.hashing(password)) }
                }
                if global.json {
                    struct Out: Encodable { var nodeId: String; var dataDir: String; var epoch: UInt32 }
                    try console.emit(Out(nodeId: config.nodeID, dataDir: dir.path, epoch: keyring.primary.epoch))
                } else {
                    console.say(
                        ja: "ノード \(config.nodeID) を作成しました: \(dir.path)\n(開発用の連合鍵を使用中。連合に参加すると置き換わります)",
                        en: "Created node \(config.nodeID) in \(dir.path)\n(using a development federation key until the node joins a federation)"
                    )
                }
            }
        }
    }
}
