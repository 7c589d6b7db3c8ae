import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case show N`: the whole timeline.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "案件の詳細と時系列 / Show a case and its timeline.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let c = try node.findCase(number.value)
                if global.json {
                    try console.emit(CaseJSON(c, policy: node.dunning, today: node.today, withCustomer: true, withEvents: true))
                } else {
                    console.caseDetail(c, policy: node.dunning, today: node.today)
                }
            }
        }
    }
}
