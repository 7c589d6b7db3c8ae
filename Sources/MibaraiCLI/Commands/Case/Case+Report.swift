import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case report N`: publishes a blinded report of what the case still owes.
    struct ReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "案件からブラインド化した報告を公開する / Publish a blinded report from a case.",
            discussion: "未払い残高を金額として報告します。ネットワークに出るのはブラインド化したトークンと金額・区分・月だけです。 / Reports what is still owed; only blinded tokens, amount, category and month leave the node."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber
        @Option(help: "区分 (既定: non-payment、代引きの受取拒否は cod-refusal) / Category (default: non-payment; cod-refusal for a refused COD parcel).") var category: String?

        func run() async throws {
            try await NodeError.guarded {
                let chosen = try InputParsing.category(category)
                let (node, console) = try global.openNode()
                let c = try node.findCase(number.value)
                let category = chosen ?? (c.isRefusedDelivery ? .codRefusal : .nonPayment)
                let (saved, report) = try node.publishReport(for: c, category: category)
                if global.json {
                    struct Out: Encodable { var `case`: CaseJSON; var report: ReportJSON }
                    try console.emit(Out(case: CaseJSON(saved, policy: node.dunning, today: node.today), report: ReportJSON(report)))
                } else {
                    console.say(
                        ja: "案件 #\(saved.number) の報告を公開しました: \(report.id) (\(category.label.ja)、\(LookupResult.yen(report.amountYen)))",
                        en: "Published report \(report.id) for case #\(saved.number) (\(category.label.en), \(LookupResult.yen(report.amountYen)))"
                    )
                }
            }
        }
    }
}
