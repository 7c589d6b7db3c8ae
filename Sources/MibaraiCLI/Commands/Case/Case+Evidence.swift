import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case evidence N`: the dated record for the police or the court.
    struct Evidence: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "警察・裁判所に出す経緯書 (時系列) を作る / Make the evidence file (timeline) for the police or a court.",
            discussion: """
            HTML は印刷用 (A4、外部ファイルなし)、Markdown は編集用。個人情報を含むので提出先にだけ渡してください。
            HTML is print-ready (A4, self-contained); Markdown is for editing. It holds personal data: give it only to the police or the court.
              mibarai case evidence 1 --format html --output case1.html
            --joint は、contact request --case N で連絡した他店の回答 (同意して共有された被害) と当店の被害を一覧にします (共同の被害届用)。
            --joint lists this shop's damage with what other shops shared in answer to contact request --case N (for a joint police report).
              mibarai case evidence 1 --joint --format html --output joint1.html
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "案件番号 / Case number.") var number: CaseNumber
        @Option(help: "形式 / Format: html, markdown.") var format: String = "html"
        @Option(help: "書き出すファイル (既定: 標準出力) / Write to this file (default: stdout).") var output: String?
        @Flag(help: "他店と共有した被害の一覧を作る / Make the joint damage summary with other shops' answers.") var joint = false

        func run() async throws {
            try await NodeError.guarded {
                guard ["html", "markdown", "md"].contains(format) else {
                    throw NodeError.data(ja: "--format は html か markdown です。", en: "--format must be html or markdown.")
                }
                if global.json, output == nil {
                    throw NodeError.usage(ja: "--json には --output が必要です。", en: "--json needs --output.")
                }
                let (node, console) = try global.openNode()
                let c = try node.findCase(number.value)
                let text: String
                if joint {
                    let summary = try node.jointDamage(forCase: c.number)
                    text = format == "html" ? summary.html : summary.markdown
                } else {
                    let file = try node.evidenceFile(forCase: c.number)
                    text = format == "html" ? file.html : file.markdown
                }
                if let output {
                    try OutputFile.write(text, to: output)
                    if global.json {
                        struct Out: Encodable { var `case`: Int; var format: String; var output: String; var events: Int }
                        try console.emit(Out(case: c.number, format: format == "html" ? "html" : "markdown", output: output, events: c.events.count))
                    } else {
                        console.say(ja: "経緯書を書き出しました: \(output)", en: "Wrote the evidence file to \(output)")
                    }
                } else {
                    print(text, terminator: "")
                }
            }
        }
    }
}
