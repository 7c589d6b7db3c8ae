import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The must-hold test of the letters: a table of cases walked up the whole ladder, and every text
/// each case produces (every rung's letter, the court draft, the police rung's memo, the evidence
/// file in Markdown and HTML) checked against the case as it stood when the text was written.
@Suite("Letters up the whole ladder")
struct LetterLadderTests {
    /// The same facts everywhere: the amounts a text names are the price, the payments and what
    /// is owed when it was written (it names what is owed, and the payments once there are some);
    /// a due date it names is the case's; a count of demands it states is the number of distinct
    /// days the shop made one on the rungs below it (a same-day paper and e-mail copy count once,
    /// a filing never), and a reminder that says which notice it is counts every demand day before
    /// it; a refused cash-on-delivery parcel is claimed as a loss, never as a price
    /// with a due date.
    @Test(arguments: LadderScenario.all)
    func everyTextStatesTheSameFacts(scenario: LadderScenario) throws {
        let walk = try LadderWalk(scenario)
        let c = walk.finalCase
        let due = JapaneseDate.long(c.dueDate(policy: LadderWalk.policy))
        let dayAfter = JapaneseDate.long(c.dueDate(policy: LadderWalk.policy).adding(days: 1))
        let refused = c.order.refusedOn != nil
        // A 局留め addressee is warned about (to the shop) before the 内容証明 and the court, never in a text.
        if scenario.address?.contains("局留め") == true {
            let writer = LetterWriter(shop: LadderWalk.shop, policy: LadderWalk.policy)
            for stage in [DunningStage.formalDemand, .legalAction] {
                #expect(writer.warnings(for: stage, case: c).contains { $0.ja.contains("送達できません") }, "\(stage)")
            }
        }
        #expect(walk.texts.count >= 5, "\(walk.texts.map(\.label))")
        for t in walk.texts {
            let at = "\(scenario.name) / \(t.label)"
            let named = Self.amounts(in: t.body)
            let allowed = Set([c.order.amountYen, t.owed, t.paid] + t.payments).union(scenario.otherAmounts)
            #expect(named.isSubset(of: allowed), "\(at): names \(named.subtracting(allowed).sorted())\n\(t.body)")
            // The civil-route memo of the police rung is about the route, not the amount.
            if t.stage != .policeReport || scenario.supportsPolice {
                #expect(named.contains(t.owed), "\(at): does not name what is owed, \(t.owed)\n\(t.body)")
                if t.paid > 0 { #expect(named.contains(t.paid), "\(at): does not name the \(t.paid) paid") }
            }

            for m in t.body.matches(of: /支払い?期限(?:の|は)(\d{4}年\d{1,2}月\d{1,2}日)/) {
                #expect(String(m.1) == due, "\(at): due date \(m.1), the case's is \(due)")
            }
            // Interest runs from the fixed day after the due date (a refused parcel's loss: from service).
            for m in t.body.matches(of: /(\d{4}年\d{1,2}月\d{1,2}日)から支払済みまで/) {
                #expect(!refused && String(m.1) == dayAfter, "\(at): interest from \(m.1), the day after the due date is \(dayAfter)")
            }
            // One date format: no text writes a date as 2026-10-15 or 2026/10/15.
            #expect(t.body.firstMatch(of: /\d{4}[-\/]\d{1,2}[-\/]\d{1,2}/) == nil, "\(at): a date not written as 年月日")
            if refused {
                for phrase in ["支払期限", "支払い期限の", "ご注文代金", "売買代金", "代金の支払", "未払い代金"] {
                    #expect(!t.body.contains(phrase), "\(at): a refused parcel dunned as a price (\(phrase))\n\(t.body)")
                }
                #expect(t.body.contains("受取") || t.body.contains("受け取り"), "\(at): does not say the parcel was refused")
            } else if t.legal, t.stage != .policeReport {
                #expect(t.body.contains(due), "\(at): no due date \(due)")
            }
            if refused, let stage = t.stage, stage >= .formalDemand, stage != .policeReport {
                #expect(t.body.contains("損害"), "\(at): the claim is not called a loss")
            }

            // A notice that says which it is counts every demand day before it, the inquiry too.
            for m in t.body.matches(of: /(\d+)回目のご案内/) { #expect(Int(m.1) == t.earlierDemandDays + 1, "\(at): \(m.0)") }
            if t.body.contains("再度のご案内") { #expect(t.earlierDemandDays == 1, "\(at): 再度 after \(t.earlierDemandDays)") }
            for m in t.body.matches(of: /これまで(\d+)回ご連絡/) { #expect(Int(m.1) == t.demandDays, "\(at): \(m.0)") }
            for m in t.body.matches(of: /(\d+)回にわたり/) { #expect(Int(m.1) == t.demandDays, "\(at): \(m.0)") }
            for m in t.body.matches(of: /(\d+)日にわたる請求/) { #expect(Int(m.1) == t.demandDays, "\(at): \(m.0)") }
            if t.stage == .formalDemand {
                #expect(t.body.contains("再三の請求") == (t.demandDays >= 2), "\(at): \(t.demandDays) demands")
            }
            if t.stage == .legalAction, t.demandDays >= 2 {
                #expect(t.body.contains("\(t.demandDays)回にわたり"), "\(at): \(t.demandDays) demands not stated")
            }
        }
        // The evidence file lists every demand: its demand rows fall on as many days as the
        // court draft counts.
        let md = try #require(walk.texts.first { $0.label == "経緯書 Markdown" })
        let demandRows = md.body.split(separator: "\n").filter { row in
            row.hasPrefix("| 20") && [CaseEventKind.mailSent, .letterSent, .callMade].contains { row.contains("| \($0.label.ja) |") }
        }
        #expect(Set(demandRows.map { $0.split(separator: "|").first!.split(separator: " ").first! }).count == md.demandDays)
        // The evidence file gives each event's time where it was noted, and the delivery date, in
        // both renderings alike; the court draft names the day of delivery too.
        let html = try #require(walk.texts.first { $0.label == "経緯書 HTML" })
        for e in c.events {
            guard let time = e.time else { continue }
            #expect(md.body.contains("| \(JapaneseDate.long(e.date)) \(time) |") && html.body.contains("<td>\(JapaneseDate.long(e.date)) \(time)</td>"))
        }
        if let delivered = c.order.deliveredOn.map(JapaneseDate.long) {
            #expect(md.body.contains("- 配達日: \(delivered)") && html.body.contains("<dt>配達日</dt><dd>\(delivered)</dd>"))
            let court = try #require(walk.texts.first { $0.stage == .legalAction })
            #expect(court.body.contains("\(delivered)に相手方に引き渡した"), "\(court.body)")
        }
    }

    /// No legal text (内容証明, court draft, police memo, evidence file) names the program or a
    /// report, and no text at all carries a report's number.
    @Test(arguments: LadderScenario.all)
    func noLegalTextNamesTheProgramOrAReport(scenario: LadderScenario) throws {
        let walk = try LadderWalk(scenario)
        let id = try #require(walk.reportID, "\(scenario.name): no report was published on the way")
        for t in walk.texts {
            #expect(!t.body.contains(id.description), "\(scenario.name) / \(t.label)")
            guard t.legal else { continue }
            #expect(!t.body.lowercased().contains("mibarai"), "\(scenario.name) / \(t.label)")
            for word in ["報告番号", "報告を公開", "case \(walk.finalCase.number)"] {
                #expect(!t.body.contains(word), "\(scenario.name) / \(t.label): \(word)")
            }
        }
    }

    /// A police text only where the facts support one: a case whose record suggests intent, and
    /// where goods were obtained. Otherwise the schedule never advises the police and the police
    /// rung's text is the civil route. No letter to the customer mentions the police.
    @Test(arguments: LadderScenario.all)
    func noPoliceTextWhereTheFactsDoNotSupportIt(scenario: LadderScenario) throws {
        let walk = try LadderWalk(scenario)
        let memo = try #require(walk.texts.first { $0.stage == .policeReport })
        #expect(walk.policeAdvised == scenario.supportsPolice, "\(scenario.name)")
        if scenario.supportsPolice {
            #expect(memo.body.contains("被害届の相談メモ") && memo.body.contains("刑法246条1項"), "\(memo.body)")
        } else {
            for phrase in ["被害届の相談メモ", "被害品", "刑法246条"] {
                #expect(!memo.body.contains(phrase), "\(scenario.name): \(phrase)\n\(memo.body)")
            }
            #expect(memo.body.contains("民事"))
        }
        for t in walk.texts where t.toCustomer || t.stage == .legalAction || (t.stage == nil && !scenario.supportsPolice) {
            for word in ["被害届", "警察", "刑法"] {
                #expect(!t.body.contains(word), "\(scenario.name) / \(t.label): \(word)")
            }
        }
    }

    /// Every 内容証明 a case produces lays out on each official grid, and what the layout makes
    /// passes both its own check and the independent one, with no text lost, no line starting with
    /// 、。 or a closing bracket and none ending with an opening one.
    @Test(arguments: LadderScenario.all)
    func everyFormalDemandFitsEveryGrid(scenario: LadderScenario) throws {
        let walk = try LadderWalk(scenario)
        for body in walk.formalDemands {
            for format in NaiyoShomeiFormat.allCases {
                let checker = try #require(NaiyoShomeiGridChecker(format: format))
                let layout = NaiyoShomeiLayout(format: format)
                let doc = try layout.layOut(body)
                #expect(checker.violations(doc.pages).isEmpty, "\(scenario.name) \(format): \(checker.violations(doc.pages))")
                #expect(try layout.check(doc.text).pages == doc.pages)
                for line in doc.pages.joined() {
                    #expect(!(line.first.map { "、。）」』】〕］)".contains($0) } ?? false), "\(scenario.name) \(format): \(line)")
                    #expect(!(line.last.map { "（「『【〔［(".contains($0) } ?? false), "\(scenario.name) \(format): \(line)")
                }
                let squeezed = { (s: String) in s.filter { !$0.isWhitespace } }
                #expect(squeezed(doc.pages.joined().joined()) == squeezed(body), "\(scenario.name) \(format): text lost")
            }
        }
    }

    /// The independent checker itself: each rule it enforces can fail.
    @Test func theIndependentGridCheckerEnforcesEachRule() throws {
        #expect(NaiyoShomeiFormat.allCases.allSatisfy { f in
            NaiyoShomeiGridChecker(format: f).map { $0.columns == f.charactersPerLine && $0.lines == f.linesPerPage } ?? false
        })
        let standard = NaiyoShomeiGridChecker(columns: 20, lines: 26)
        #expect(NaiyoShomeiGridChecker.count("（注文番号）") == 5)
        #expect(NaiyoShomeiGridChecker.count("「株式会社（ABC）」") == 9)
        #expect(NaiyoShomeiGridChecker.count("面積10㎡") == 6)
        #expect(NaiyoShomeiGridChecker.count("）") == 1)
        #expect(standard.violations([[String(repeating: "字", count: 20)]]).isEmpty)
        #expect(standard.violations([[String(repeating: "字", count: 21)]]).count == 1)
        // A bracket opened on one line and closed on the next counts on the first only.
        #expect(standard.violations([["（" + String(repeating: "字", count: 19), String(repeating: "字", count: 19) + "）"]]).isEmpty)
        #expect(standard.violations([[String(repeating: "字", count: 19) + "㎡"]]).count == 1)
        let full = Array(repeating: "あ", count: 26)
        #expect(standard.violations([full + Array(repeating: "", count: 10)]).isEmpty)
        #expect(standard.violations([full + ["い"]]).count == 1)
        #expect(standard.violations([full, ["い"]]).isEmpty)
        #expect(NaiyoShomeiGridChecker(columns: 13, lines: 40).violations([[String(repeating: "字", count: 14)]]).count == 1)
    }

    /// Yen amounts a text names: 12,800円 and ¥12,800.
    static func amounts(in text: String) -> Set<Int> {
        var out: Set<Int> = []
        for m in text.matches(of: /([0-9][0-9,]*)円/) { if let n = Int(m.1.filter { $0 != "," }) { out.insert(n) } }
        for m in text.matches(of: /[¥￥]([0-9][0-9,]*)/) { if let n = Int(m.1.filter { $0 != "," }) { out.insert(n) } }
        return out
    }
}
