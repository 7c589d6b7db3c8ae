import ArgumentParser
import MibaraiCore

extension Mibarai.CaseCommand {
    /// `mibarai case show N`: the whole timeline.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "案件の詳細と時系列 / Show a case and its timeline.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber

        func run() async throws {
            try await CLIError.guarded {
                let node = try NodeContext.open(global)
                let c = try node.findCase(number)
                if global.json {
                    try node.console.emit(CaseJSON(c, policy: node.dunning, today: node.today, withCustomer: true, withEvents: true))
                } else {
                    node.console.caseDetail(c, policy: node.dunning, today: node.today)
                }
            }
        }
    }

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
            try await CLIError.guarded {
                guard let outcome = CaseOutcome(name: outcome) else {
                    let names = CaseOutcome.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
                    throw CLIError.data(ja: "--outcome が不明です。指定できる結果: \(names)", en: "unknown --outcome; one of: \(names)")
                }
                let day = try InputParsing.date(date, option: "date")
                let node = try NodeContext.open(global)
                var c = try node.findCase(number)
                let actions: [CaseAction]
                do throws(CaseError) { actions = try c.close(outcome, date: day ?? node.today, today: node.today, note: note) } catch { throw CLIError.data(error.message) }
                let saved = try node.commit(c, actions: actions)
                if global.json {
                    try node.console.emit(CaseJSON(saved, policy: node.dunning, today: node.today))
                } else {
                    node.console.reportActions(actions, case: saved)
                }
            }
        }
    }

    /// `mibarai case report N`: publishes a blinded report of what the case still owes.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "案件からブラインド化した報告を公開する / Publish a blinded report from a case.",
            discussion: "未払い残高を金額として報告します。ネットワークに出るのはブラインド化したトークンと金額・区分・月だけです。 / Reports what is still owed; only blinded tokens, amount, category and month leave the node."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber
        @Option(help: "区分 (既定: non-payment) / Category (default: non-payment).") var category: String = "non-payment"

        func run() async throws {
            try await CLIError.guarded {
                let category = try InputParsing.category(category)!
                let node = try NodeContext.open(global)
                let c = try node.findCase(number)
                let (saved, report) = try node.publishReport(for: c, category: category)
                if global.json {
                    struct Out: Encodable { var `case`: CaseJSON; var report: ReportJSON }
                    try node.console.emit(Out(case: CaseJSON(saved, policy: node.dunning, today: node.today), report: ReportJSON(report)))
                } else {
                    node.console.say(
                        ja: "案件 #\(saved.number) の報告を公開しました: \(report.id) (\(category.label.ja)、\(LookupResult.yen(report.amountYen)))",
                        en: "Published report \(report.id) for case #\(saved.number) (\(category.label.en), \(LookupResult.yen(report.amountYen)))"
                    )
                }
            }
        }
    }
}
