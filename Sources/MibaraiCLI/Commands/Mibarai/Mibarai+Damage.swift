import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai {
    /// `mibarai damage`: the damage one person did across shops, from blinded records only.
    struct Damage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "複数店舗にわたる被害の概要 (個人情報なし) / Damage across shops for one identity, without personal data.",
            discussion: """
            このノードが持つブラインド化された記録から、店舗数・未払い合計・期間をまとめます。警察に渡せる Markdown を出力します。
            Summarises shops, unpaid total and period from the blinded records this node holds, as Markdown for the police.
              mibarai damage --phone 090-1234-5678 --address "東京都江東区古石場2-29-16" --output damage.md
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: IdentityOptions
        @Option(name: .customLong("min-strength"), help: "含める一致の強さ / Weakest match to include: household, probable, strong.") var minStrength: String = "probable"
        @Option(help: "書き出すファイル (既定: 標準出力) / Write to this file (default: stdout).") var output: String?

        func run() async throws {
            try await NodeError.guarded {
                guard let minimum = MatchStrength.allCases.first(where: { $0.name == minStrength }) else {
                    let names = MatchStrength.allCases.map(\.name).joined(separator: ", ")
                    throw NodeError.data(ja: "--min-strength が不明です。指定できるもの: \(names)", en: "unknown --min-strength; one of: \(names)")
                }
                let identity = try person.identity()
                if identity.isEmpty {
                    throw NodeError.usage(ja: "照合する情報 (--phone, --address など、または --stdin) を指定してください。", en: "give the details to look up (--phone, --address, … or --stdin).")
                }
                let (node, console) = try global.openNode()
                // Under replicas = hubs, other shops' records are asked of the hubs.
                let result = try await node.lookup(queries: [node.queryTokens(identity)], hubs: try FederationMembership.hubClient(node))[0]
                let summary = DamageSummary(result, minimum: minimum)
                if global.json {
                    if let output { try OutputFile.write(summary.markdown(preparedOn: node.today, preparedBy: node.configuration.nodeID), to: output) }
                    try console.emit(summary)
                    // After the summary: exit 69 when no hub answered (the summary lacks other shops).
                    try Check.failIfIncomplete([result])
                    return
                }
                let text = summary.markdown(preparedOn: node.today, preparedBy: node.configuration.nodeID)
                if let output {
                    try OutputFile.write(text, to: output)
                    console.say(
                        ja: "被害の概要を書き出しました: \(output) (\(summary.shopCount) 店舗、\(summary.reportCount) 件)",
                        en: "Wrote the damage summary to \(output) (\(summary.shopCount) shops, \(summary.reportCount) reports)"
                    )
                } else {
                    print(text, terminator: "")
                }
                try Check.failIfIncomplete([result])
            }
        }
    }
}
