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
}
