import MibaraiCore
import MibaraiTestSupport
import Testing

@Suite("内容証明 layout")
struct NaiyoShomeiTests {
    @Test func charactersCountAsThePostOfficeCountsThem() {
        #expect(NaiyoShomeiLayout.count("督促状") == 3)
        #expect(NaiyoShomeiLayout.count("金12,800円") == 8)          // half-width digits and comma count 1 each
        #expect(NaiyoShomeiLayout.count("（注文番号）") == 5)        // a bracket pair counts once
        #expect(NaiyoShomeiLayout.count("「株式会社ABC」") == 8)
        #expect(NaiyoShomeiLayout.count("面積10㎡") == 6)            // a squared unit counts 2
        #expect(NaiyoShomeiLayout.count("）") == 1)                  // an unpaired closing bracket counts
    }

    /// A long paragraph of mixed text, numbers and brackets.
    static let longText = (1...40).map { i in
        "第\(i)項　貴殿は、2026年10月1日に当店（株式会社ABC商店）から商品を代金12,800円で購入しましたが、代金を支払っていません。"
    }.joined(separator: "\n")

    @Test(arguments: NaiyoShomeiFormat.allCases)
    func layingOutKeepsEveryLineAndSheetWithinTheLimits(format: NaiyoShomeiFormat) throws {
        let layout = NaiyoShomeiLayout(format: format)
        let doc = try layout.layOut(Self.longText)
        #expect(doc.pages.count > 1)
        for page in doc.pages {
            #expect(page.filter { !$0.isEmpty }.count <= format.linesPerPage)
            for line in page {
                #expect(NaiyoShomeiLayout.count(line) <= format.charactersPerLine, "\(line)")
                if let first = line.first { #expect(!"、。，．".contains(first), "\(line)") }
            }
        }
        // What the layout produces passes the checker, and no text was lost or added.
        let checked = try layout.check(doc.text)
        #expect(checked.pages == doc.pages)
        #expect(doc.pages.joined().joined() == Self.longText.replacingOccurrences(of: "\n", with: ""))
        // Amounts are not split across lines.
        #expect(doc.pages.joined().allSatisfy { !$0.hasSuffix("12,") && !$0.hasPrefix("800円") })
    }

    /// A wrapped line breaks at a space in its second half (an account written with spaces keeps
    /// its parts whole) and never starts with the space it broke at; a paragraph's own indent stays.
    @Test func linesBreakAtSpacesAndNeverStartWithOne() throws {
        let text = "　振込先　みほんぎんこう　ほんてんえいぎょうぶ　ふつう　1234567　みほんこーひーてん"
        let doc = try NaiyoShomeiLayout(format: .standard).layOut(text)
        let lines = doc.pages.joined().filter { !$0.isEmpty }
        #expect(lines.count >= 3)
        #expect(lines.first?.hasPrefix("　振込先") == true)
        for line in lines.dropFirst() { #expect(!line.hasPrefix("　") && !line.hasPrefix(" "), "\(line)") }
        for part in ["みほんぎんこう", "ほんてんえいぎょうぶ", "1234567", "みほんこーひーてん"] {
            #expect(lines.contains { $0.contains(part) }, "\(part) split: \(lines)")
        }
        for line in lines { #expect(NaiyoShomeiLayout.count(line) <= 20) }
    }

    /// An opening bracket goes down to the line of what it opens; a closing bracket never starts
    /// a line.
    @Test func bracketsStayWithWhatTheyEnclose() throws {
        let opening = String(repeating: "字", count: 19) + "（注文番号）"
        let lines = try NaiyoShomeiLayout().layOut(opening).pages.joined().filter { !$0.isEmpty }
        #expect(lines == [String(repeating: "字", count: 19), "（注文番号）"])
        let closing = "（" + String(repeating: "字", count: 19) + "）。"
        let closed = try NaiyoShomeiLayout().layOut(closing).pages.joined().filter { !$0.isEmpty }
        #expect(closed.count == 2 && !closed[1].hasPrefix("）"), "\(closed)")
    }

    @Test func blankLinesDoNotCountTowardASheet() throws {
        let lines = (Array(repeating: "あ", count: 26) + Array(repeating: "", count: 10)).joined(separator: "\n")
        let doc = try NaiyoShomeiLayout().check(lines)
        #expect(doc.pages.count == 1)
        #expect(throws: NaiyoShomeiError.self) { try NaiyoShomeiLayout().check(lines + "\nい") }
    }

    @Test func theCheckerNamesTheLineOrSheetThatBreaksTheRules() throws {
        let tooLong = "一二三\n" + String(repeating: "字", count: 21)
        do {
            _ = try NaiyoShomeiLayout().check(tooLong)
            Issue.record("a 21-character line passed")
        } catch {
            #expect(error.message.ja.contains("2行目が21字"))
            #expect(error.message.en.contains("Line 2 has 21"))
        }
        let tooManyLines = Array(repeating: "あ", count: 27).joined(separator: "\n")
        do {
            _ = try NaiyoShomeiLayout().check(tooManyLines)
            Issue.record("a 27-line sheet passed")
        } catch {
            #expect(error.message.en.contains("Sheet 1 has 27 lines"))
        }
        // Sheets separated by a form feed are counted apart.
        let twoSheets = tooManyLines.split(separator: "\n").prefix(20).joined(separator: "\n") + "\n\u{0C}\n" + "あ\nい"
        #expect(try NaiyoShomeiLayout().check(twoSheets).pages.count == 2)
    }

    @Test(arguments: ["代金を払え😡", "①支払期限", "ｼﾊﾗｲ", "株式会社㈱"])
    func charactersAFormalLetterCannotCarryAreRefused(text: String) {
        #expect(throws: NaiyoShomeiError.self) { try NaiyoShomeiLayout().layOut("督促状\n" + text) }
        do {
            _ = try NaiyoShomeiLayout().layOut("督促状\n" + text)
        } catch {
            #expect(error.message.ja.contains("2行目"))
        }
    }

    @Test func emptyTextIsRefused() {
        #expect(throws: NaiyoShomeiError.self) { try NaiyoShomeiLayout().layOut("\n\n  \n") }
    }
}
