import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "ノードのデータディレクトリ / The node's data directory (default: $MIBARAI_DATA_DIR, else ~/.mibarai).")
    var dataDir: String?

    @Option(name: .customLong("lang"), help: "表示言語 ja|en / Output language (default: from LANG).")
    var language: Language?

    @Flag(name: .customLong("json"), help: "スクリプト向けの JSON 出力 / Machine-readable JSON output.")
    var json = false

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var resolvedLanguage: Language { language ?? Language.from(environment: environment) }

    var dataDirectory: URL {
        if let dataDir { return URL(fileURLWithPath: dataDir, isDirectory: true).standardizedFileURL }
        if let env = environment["MIBARAI_DATA_DIR"], !env.isEmpty { return URL(fileURLWithPath: env, isDirectory: true) }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".mibarai", isDirectory: true)
    }

    var console: Console { Console(language: resolvedLanguage, json: json) }

    /// Opens the node in the data directory, with the console its output goes to: the language
    /// is `--lang`, else LANG, else the node's `language`, else English.
    func openNode() throws(NodeError) -> (Node, Console) {
        let node = try Node.open(dataDirectory)
        let language = self.language ?? Language.named(in: environment) ?? node.configuration.language ?? .en
        return (node, Console(language: language, json: json))
    }
}

extension Language: ExpressibleByArgument {}
