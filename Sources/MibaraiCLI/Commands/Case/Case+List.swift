import ArgumentParser
import MibaraiCore
import MibaraiStore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case list`: every open case (or all) with its next step.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "案件の一覧 / List cases.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "終了した案件も表示 / Include closed cases.") var closed = false

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                try node.purgeClosedCases()
                let cases: [DunningCase]
                cases = try node.cases(includeClosed: closed)
                if global.json {
                    for c in cases { try console.emit(CaseJSON(c, policy: node.dunning, today: node.today)) }
                    return
                }
                if cases.isEmpty { console.say(ja: "案件はありません。", en: "No cases.") }
                for c in cases { console.caseLine(c, policy: node.dunning, today: node.today) }
            }
        }
    }
}
