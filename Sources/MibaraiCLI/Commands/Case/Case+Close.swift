import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case close N --outcome …`.
    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "案件を終了する / Close a case.",
            discussion: "報告が公開されていれば、その状態も変わります (paid → 支払済、settled → 和解済)。 / A published report follows (paid, settled)."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber
        @Option(help: "結果 / Outcome: paid, settled, written-off.") var outcome: String
        @Option(help: "日付 (既定: 今日) / Date (default: today).") var date: String?
        @Option(help: "メモ / Note.") var note: String?

        func run() async throws {
            try await NodeError.guarded {
                guard let outcome = CaseOutcome(name: outcome) else {
                    let names = CaseOutcome.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
                    throw NodeError.data(ja: "--outcome が不明です。指定できる結果: \(names)", en: "unknown --outcome; one of: \(names)")
                }
                let day = try InputParsing.date(date, option: "date")
                let (node, console) = try global.openNode()
                let (saved, actions) = try node.closeCase(number.value, outcome: outcome, on: day, note: note)
                if global.json {
                    try console.emit(CaseJSON(saved, policy: node.dunning, today: node.today))
                } else {
                    console.reportActions(actions, case: saved)
                }
            }
        }
    }
}
