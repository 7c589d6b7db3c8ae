import Foundation
import MibaraiCore
import MibaraiStore

/// An initialised node, opened: its data directory, configuration, keys, database and
/// normaliser. Every face (a command, the screening API, the gossip) runs its use cases
/// (`Node+Reports`, `Node+Cases`, `Node+Screening`, `Node+Keys`) instead of doing their work.
public struct Node: Sendable {
    public let directory: DataDirectory
    public let configuration: NodeConfiguration
    /// The keys to blind and look up with, as they were when the node was opened: epochs whose
    /// grace period is over are left out even before ``retireOldEpochs()`` drops them.
    public let keyring: Keyring
    public let database: AppDatabase
    public let normalizer: Normalizer
    /// Today in Japan, when the node was opened: the only day its use cases date things by.
    public let today: LocalDate

    /// Opens the node in `directory`; a missing or incomplete directory is an error that tells
    /// the shop to run `mibarai init`. Opening writes no file but the database's own.
    public static func open(_ directory: URL, today: LocalDate = Node.todayInJapan()) throws(NodeError) -> Node {
        let dir = DataDirectory(directory)
        guard FileManager.default.fileExists(atPath: dir.configurationURL.path) else {
            throw .noInput(
                ja: "データディレクトリが初期化されていません: \(dir.path)\n先に `mibarai init --data-dir \(dir.path)` を実行してください。",
                en: "no Mibarai node in \(dir.path): run `mibarai init --data-dir \(dir.path)` first."
            )
        }
        guard let text = try? String(contentsOf: dir.configurationURL, encoding: .utf8) else {
            throw .noInput(ja: "設定ファイルが読めません: \(dir.configurationURL.path)", en: "cannot read \(dir.configurationURL.path)")
        }
        let configuration = try NodeConfiguration.parse(text)
        try dir.checkDatabase()
        let database: AppDatabase
        do { database = try AppDatabase(path: dir.databaseURL.path) } catch { throw .store(error) }
        let stored = try NodeKeys.readKeyringAndAdoption(dir)
        let normalizer: Normalizer
        do { normalizer = try Normalizer.bundled() } catch {
            throw .software(ja: "正規化の表を読み込めません: \(error)", en: "cannot load the normalisation tables: \(error)")
        }
        return Node(directory: dir, configuration: configuration,
                    keyring: Self.unretired(stored.keyring, adoptedOn: stored.adoptedOn, configuration: configuration, today: today),
                    database: database, normalizer: normalizer, today: today)
    }

    /// The same node on another day (a long-running server's "today" moves on).
    public func on(_ day: LocalDate) -> Node {
        Node(directory: directory, configuration: configuration, keyring: keyring, database: database, normalizer: normalizer, today: day)
    }

    /// The same node with another keyring (after a new epoch was adopted).
    func with(_ keyring: Keyring) -> Node {
        Node(directory: directory, configuration: configuration, keyring: keyring, database: database, normalizer: normalizer, today: today)
    }

    public var blinder: Blinder { Blinder(key: keyring.primary) }

    /// Normalises an identity and makes its lookup tokens under every accepted epoch.
    public func queryTokens(_ identity: Identity) -> [BlindToken] {
        let n = normalizer.normalize(identity)
        return keyring.blinders.flatMap { $0.tokens(for: n) }
    }

    /// The blinded record this node publishes for one of its reports, under its primary key:
    /// the one place a report becomes what the federation sees of it.
    public func blindedRecord(for report: Report, normalized: NormalizedIdentity? = nil) -> BlindedRecord {
        BlindedRecord(report: report, origin: configuration.nodeID, normalized: normalized ?? normalizer.normalize(report.identity), blinder: blinder)
    }
}
