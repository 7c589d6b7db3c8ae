import ArgumentParser

extension Mibarai {
    /// `mibarai case …`: unpaid orders and the dunning ladder.
    struct CaseCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case",
            abstract: "未払い案件の督促を管理する / Chase unpaid orders up the dunning ladder.",
            discussion: """
            流れ / Flow:
              mibarai case open --order-ref A-1001 --amount 12800 --order-date 2026-10-01 --name "山田 太郎" --address "…"
              mibarai case next                 今日やること / what is due today
              mibarai case letter 1             次の段階の文面 / the letter for the next rung
              mibarai case log 1 --kind mail-sent
              mibarai case show 1               時系列 / the whole timeline
              mibarai case evidence 1 --format html --output case1.html
              mibarai case close 1 --outcome paid
            """,
            subcommands: [Open.self, Log.self, Next.self, List.self, Show.self, Close.self, ReportCommand.self, LetterCommand.self, Evidence.self, NaiyoCheck.self]
        )
    }
}
