import Foundation
import MibaraiCore
import MibaraiStore

/// An initialised node's data directory, opened: configuration, keys, database and normaliser.
struct NodeContext {
    static let databaseFile = "mibarai.sqlite"

    let directory: URL
    let configuration: NodeConfiguration
    let keyring: Keyring
    let database: AppDatabase
    let normalizer: Normalizer
    let console: Console
    /// Today in Japan: the only place the CLI reads the clock for report dates.
    let today: LocalDate

    /// Opens the node at `options.dataDirectory`; a missing or incomplete directory is an error
    /// that tells the shop to run `mibarai init`.
    static func open(_ options: GlobalOptions) throws(CLIError) -> NodeContext {
        let dir = options.dataDirectory
        let config = dir.appendingPathComponent(NodeConfiguration.fileName)
        guard FileManager.default.fileExists(atPath: config.path) else {
            throw .noInput(
                ja: "データディレクトリが初期化されていません: \(dir.path)\n先に `mibarai init --data-dir \(dir.path)` を実行してください。",
                en: "no Mibarai node in \(dir.path): run `mibarai init --data-dir \(dir.path)` first."
            )
        }
        guard let text = try? String(contentsOf: config, encoding: .utf8) else {
            throw .noInput(ja: "設定ファイルが読めません: \(config.path)", en: "cannot read \(config.path)")
        }
        let configuration = try NodeConfiguration.parse(text)
        let database: AppDatabase
        do {
            database = try AppDatabase(path: dir.appendingPathComponent(databaseFile).path)
        } catch {
            throw .store(error)
        }
        let today = Self.todayInJapan()
        // Older epochs whose grace period is over retire before anything is looked up.
        let keyring = try retireOldEpochs(keysFile: dir.appendingPathComponent(NodeKeys.federationKeysFile), database: database,
                                          configuration: configuration, today: today).keyring
        let normalizer: Normalizer
        do { normalizer = try Normalizer.bundled() } catch {
            throw .software(ja: "正規化の表を読み込めません: \(error)", en: "cannot load the normalisation tables: \(error)")
        }
        let language = options.language ?? Language.named(in: options.environment) ?? configuration.language ?? .en
        return NodeContext(
            directory: dir, configuration: configuration, keyring: keyring, database: database,
            normalizer: normalizer, console: Console(language: language, json: options.json), today: today
        )
    }

    var blinder: Blinder { Blinder(key: keyring.primary) }

    /// Normalises an identity and makes its lookup tokens under every accepted epoch.
    func queryTokens(_ identity: Identity) -> [BlindToken] {
        let n = normalizer.normalize(identity)
        return keyring.blinders.flatMap { $0.tokens(for: n) }
    }

    /// Today in Japan (UTC+9, no daylight saving time), or the day `MIBARAI_TODAY` names
    /// (YYYY-MM-DD): for reproducible demos and tests.
    static func todayInJapan(_ now: Date = Date(), environment: [String: String] = ProcessInfo.processInfo.environment) -> LocalDate {
        if let fixed = environment["MIBARAI_TODAY"], let day = LocalDate(parsing: fixed) { return day }
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 9 * 3600
        return LocalDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
