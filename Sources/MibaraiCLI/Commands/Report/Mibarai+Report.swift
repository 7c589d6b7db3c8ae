import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiStore

extension Mibarai {
    /// `mibarai report …`: the shop's own reports.
    struct ReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "自店の報告を記録・管理する / Record and manage this shop's reports.",
            subcommands: [Add.self, List.self, Show.self, Update.self, Withdraw.self, Reviews.self, ReviewAnswerCommand.self]
        )
    }
}
