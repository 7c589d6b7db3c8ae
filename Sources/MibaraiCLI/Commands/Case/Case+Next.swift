import ArgumentParser
import MibaraiCore
import MibaraiStore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case next`: what is due today across all open cases.
    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "今日やるべき督促の一覧 / What is due today across all open cases.",
            discussion: "期限の古い順。--all で期限前の案件も表示。 / Oldest due first; --all shows cases not yet due too."
        )

        @OptionGroup var global: GlobalOptions
        @Flag(help: "期限前の案件も表示 / Include cases not yet due.") var all = false

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                try node.purgeClosedCases()
                let (open, due) = try node.dueCases(all: all)
                if global.json {
                    for (c, _) in due { try console.emit(CaseJSON(c, policy: node.dunning, today: node.today)) }
                    return
                }
                if due.isEmpty {
                    console.say(
                        ja: open.isEmpty ? "対応中の案件はありません。" : "今日やるべき督促はありません (対応中 \(open.count) 件、--all で一覧)。",
                        en: open.isEmpty ? "No open cases." : "Nothing is due today (\(open.count) open; --all lists them)."
                    )
                    return
                }
                console.say(ja: "\(node.today) の督促 (\(due.count) 件):", en: "Due on \(node.today) (\(due.count)):")
                for (c, _) in due { console.caseLine(c, policy: node.dunning, today: node.today) }
            }
        }
    }
}
