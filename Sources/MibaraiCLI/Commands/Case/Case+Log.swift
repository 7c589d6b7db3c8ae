import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case log N --kind K`: records what happened.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "案件に出来事を記録する / Record an event in a case.",
            discussion: """
            --kind: \(CaseEventKind.loggable.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", "))

            例 / Examples:
              mibarai case log 1 --kind mail-sent                   次の段階の連絡をした / took the suggested rung
              mibarai case log 1 --kind no-answer --date 2026-11-20 --time 14:05
              mibarai case log 1 --kind promise --promised-date 2026-11-30 --note "給料日に払うとのこと"
              mibarai case log 1 --kind payment --amount 5000
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber
        @Option(help: "出来事の種類 / What happened.") var kind: String
        @Option(help: "日付 (既定: 今日) / Date it happened (default: today).") var date: String?
        @Option(help: "時刻 (HH:MM、経緯書に記載) / Time it happened (HH:MM, printed in the evidence file).") var time: String?
        @Option(help: "段階 (連絡のみ、既定: 提案された段階) / Rung (contacts only; default: the suggested one).") var stage: String?
        @Option(help: "入金額 (円) / Payment in yen (payment).") var amount: String?
        @Option(name: .customLong("promised-date"), help: "約束の支払日 / Promised date (promise).") var promisedDate: String?
        @Option(help: "メモ (自店のみ) / Note (kept on this node).") var note: String?

        func run() async throws {
            try await NodeError.guarded {
                guard let kind = CaseEventKind(name: kind), CaseEventKind.loggable.contains(kind) else {
                    let names = CaseEventKind.loggable.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
                    throw NodeError.data(ja: "--kind が不明です。指定できる種類: \(names)", en: "unknown --kind; one of: \(names)")
                }
                let parsedStage = try InputParsing.stage(stage)
                let amountYen = try InputParsing.amount(amount)
                let promised = try InputParsing.date(promisedDate, option: "promised-date")
                let day = try InputParsing.date(date, option: "date")
                let at = try InputParsing.time(time)
                let (node, console) = try global.openNode()
                let event = CaseEvent(
                    date: day ?? node.today, kind: kind, stage: parsedStage, amountYen: amountYen, promisedDate: promised, note: note, time: at
                )
                let (saved, actions) = try node.logCaseEvent(number.value, event)
                if global.json {
                    try console.emit(CaseJSON(saved, policy: node.dunning, today: node.today))
                    return
                }
                let logged = saved.events.last(where: { $0.kind == kind })
                console.say(
                    ja: "案件 #\(saved.number) に記録しました: \(kind.label.ja)\(logged?.stage.map { " [\($0.label.ja)]" } ?? "")",
                    en: "Recorded in case #\(saved.number): \(kind.label.en)\(logged?.stage.map { " [\($0.label.en)]" } ?? "")"
                )
                console.reportActions(actions, case: saved)
                console.caseLine(saved, policy: node.dunning, today: node.today)
            }
        }
    }
}
