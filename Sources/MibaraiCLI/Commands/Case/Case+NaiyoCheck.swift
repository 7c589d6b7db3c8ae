import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.CaseCommand {
    /// `mibarai case naiyo-check FILE`: checks a hand-edited 内容証明 text against the rules.
    struct NaiyoCheck: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "naiyo-check",
            abstract: "内容証明の文面が字数・行数の制限を守っているか調べる / Check a 内容証明 text against its layout rules.",
            discussion: "用紙の区切りは改ページ文字 (U+000C) だけの行。 / Sheets are separated by a line holding only a form feed (U+000C)."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "文面のファイル (UTF-8) / The text file (UTF-8).") var file: String
        @Option(help: "書式 / Layout: 20x26, 13x40, 26x20.") var layout: String = "20x26"

        func run() async throws {
            try await NodeError.guarded {
                let format = try InputParsing.layout(layout)
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw NodeError.noInput(ja: "ファイルを読めません: \(file)", en: "cannot read \(file)")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw NodeError.data(ja: "UTF-8 のテキストではありません: \(file)", en: "\(file) is not UTF-8 text")
                }
                let document: NaiyoShomeiDocument
                do throws(NaiyoShomeiError) { document = try NaiyoShomeiLayout(format: format).check(text) } catch { throw NodeError.data(error.message) }
                let console = global.console
                if global.json {
                    struct Out: Encodable { var ok: Bool; var layout: String; var pages: Int; var characters: Int }
                    try console.emit(Out(ok: true, layout: format.rawValue, pages: document.pages.count, characters: document.characterCount))
                } else {
                    console.say(
                        ja: "制限内です (\(format.charactersPerLine)字×\(format.linesPerPage)行、\(document.pages.count)枚、\(document.characterCount)字)。",
                        en: "Within the limits (\(format.charactersPerLine) × \(format.linesPerPage), \(document.pages.count) sheets, \(document.characterCount) characters)."
                    )
                }
            }
        }
    }
}
