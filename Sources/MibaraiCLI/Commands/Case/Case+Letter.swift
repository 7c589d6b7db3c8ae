import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case letter N`: the text to send at the next (or a given) rung.
    struct LetterCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "letter",
            abstract: "督促の文面を作る / Write the letter or mail for a rung.",
            discussion: """
            既定は次の段階の文面。--naiyo-shomei で内容証明の書式 (既定 1行20字・1枚26行) に割り付けます。
            By default the next rung's text; --naiyo-shomei lays it out for 内容証明 (20 characters × 26 lines by default).
              mibarai case letter 1
              mibarai case letter 1 --stage formal-demand --naiyo-shomei --output demand.txt
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber
        @Option(help: "段階 (既定: 次の段階) / Rung (default: the next one).") var stage: String?
        @Flag(name: .customLong("naiyo-shomei"), help: "内容証明の書式に割り付ける / Lay out as a 内容証明.") var naiyoShomei = false
        @Option(help: "内容証明の書式 / 内容証明 layout: 20x26, 13x40, 26x20.") var layout: String = "20x26"
        @Option(help: "書き出すファイル (既定: 標準出力) / Write to this file (default: stdout).") var output: String?

        func run() async throws {
            try await NodeError.guarded {
                let format = try InputParsing.layout(layout)
                let chosen = try InputParsing.stage(stage)
                let (node, console) = try global.openNode()
                let draft = try node.letter(forCase: number.value, stage: chosen, naiyoShomei: naiyoShomei ? format : nil)
                let (rung, letter, warnings) = (draft.stage, draft.letter, draft.warnings)
                for w in warnings where !global.json { Console.stderr((console.language == .ja ? "注意: " : "note: ") + w.text(console.language)) }
                let text = draft.text + "\n"
                let pages = draft.document?.pages.count
                if global.json {
                    struct Out: Encodable {
                        var stage: String; var medium: String; var subject: String; var body: String
                        var deadline: String?; var pages: Int?; var output: String?; var warnings: [[String: String]]
                    }
                    if let output { try OutputFile.write(text, to: output) }
                    try console.emit(Out(
                        stage: rung.name, medium: letter.medium, subject: letter.subject, body: naiyoShomei ? text : letter.body,
                        deadline: letter.deadline?.description, pages: pages, output: output,
                        warnings: warnings.map { ["ja": $0.ja, "en": $0.en] }
                    ))
                } else if let output {
                    try OutputFile.write(text, to: output)
                    console.say(
                        ja: "「\(rung.label.ja)」の文面を書き出しました: \(output)\(pages.map { " (\($0)枚)" } ?? "")",
                        en: "Wrote the \(rung.label.en) text to \(output)\(pages.map { " (\($0) sheets)" } ?? "")"
                    )
                } else {
                    print(text, terminator: "")
                }
            }
        }
    }
}
