import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The dunning ladder end to end through the real binary and a real SQLite file.
@Suite("Case commands")
struct CaseCommandTests {
    let dir = TemporaryDirectory("mibarai-case")
    var dataDir: String { dir.path("node") }

    func mibarai(_ args: [String], today: String = "2026-11-22", lang: String = "C") throws -> CommandResult {
        try CommandRunner.mibarai(args + ["--data-dir", dataDir], environment: ["LANG": lang, "MIBARAI_TODAY": today])
    }

    func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r.stdout)")
    }

    /// A node with its shop details set.
    func makeNode(shop: Bool = true) throws {
        #expect(try mibarai(["init", "--node-id", "shop-case"]).status == 0)
        guard shop else { return }
        let config = URL(fileURLWithPath: dataDir).appendingPathComponent("mibarai.toml")
        try (try String(contentsOf: config, encoding: .utf8) + Fixtures.shopSettings).write(to: config, atomically: true, encoding: .utf8)
    }

    func openCase(_ extra: [String] = []) throws -> Int {
        let c = Fixtures.canary
        let opened = try mibarai([
            "case", "open", "--json", "--amount", "12800", "--order-ref", "A-1001", "--order-date", "2026-10-01",
            "--ship-date", "2026-10-02", "--carrier", "ヤマト運輸", "--tracking", "1234-5678-9012", "--items", "珈琲豆 2kg",
            "--payment-method", "後払い", "--opened-on", "2026-10-18", "--name", c.name!, "--postal-code", c.postalCode!,
            "--address", c.address!, "--phone", c.phone!,
        ] + extra)
        #expect(opened.status == 0, "\(opened.stderr)")
        return try #require(try json(opened)["number"] as? Int)
    }

    @Test func aCaseClimbsTheLadderPublishesAReportAndClosesItWhenPaid() throws {
        try makeNode()
        let n = try openCase()
        // Due today: the polite inquiry, 35 days overdue.
        let due = try json(try mibarai(["case", "next", "--json"]))
        let step = try #require(due["next_step"] as? [String: Any])
        #expect(step["stage"] as? String == "inquiry")
        #expect(step["due"] as? String == "2026-10-18")
        #expect(step["is_due"] as? Bool == true)
        // The two day counts say what each counts: how late the rung is, and the rule that set it.
        let line = try mibarai(["case", "next"], lang: "ja_JP.UTF-8").stdout
        #expect(line.contains("[予定日 2026-10-18 から35日超過]") && line.contains("目安は支払期限 2026-10-15 の 3 日後"), "\(line)")

        for (date, kind) in [("2026-10-18", "mail-sent"), ("2026-10-25", "mail-sent"), ("2026-11-01", "call-made"), ("2026-11-08", "letter-sent")] {
            let r = try mibarai(["case", "log", "\(n)", "--kind", kind, "--date", date])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let shown = try json(try mibarai(["case", "show", "\(n)", "--json"]))
        #expect(shown["stage"] as? String == "firm-notice")
        #expect(shown["offer_report"] as? Bool == true)
        #expect((shown["events"] as? [[String: Any]])?.compactMap { $0["stage"] as? String } == ["inquiry", "reminder", "reminder", "firm-notice"])
        #expect(try mibarai(["case", "next"]).stdout.contains("mibarai case report \(n)"))

        // The 内容証明 fits its sheets; the shop publishes a report; a partial payment follows.
        let letter = try mibarai(["case", "letter", "\(n)", "--naiyo-shomei", "--output", dir.path("demand.txt")])
        #expect(letter.status == 0, "\(letter.stderr)")
        let checked = try mibarai(["case", "naiyo-check", dir.path("demand.txt"), "--json"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(try json(checked)["pages"] as? Int == 1)

        let published = try json(try mibarai(["case", "report", "\(n)", "--json"]))
        let report = try #require(published["report"] as? [String: Any])
        let reportID = try #require(report["id"] as? String)
        #expect(report["amount_yen"] as? Int == 12_800)
        let check = try json(try mibarai(["check", "--json", "--phone", Fixtures.canary.phone!]))
        #expect(check["outstanding_yen"] as? Int == 12_800)

        #expect(try mibarai(["case", "log", "\(n)", "--kind", "payment", "--amount", "2800"]).status == 0)
        let paid = try mibarai(["case", "log", "\(n)", "--kind", "payment", "--amount", "10,000", "--json"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(try json(paid)["outcome"] as? String == "paid")
        // The report followed the case, and the lookup no longer counts the money as unpaid.
        #expect(try json(try mibarai(["report", "show", reportID, "--json"]))["report"].flatMap { ($0 as? [String: Any])?["status"] as? String } == "paid")
        #expect(try json(try mibarai(["check", "--json", "--phone", Fixtures.canary.phone!]))["outstanding_yen"] as? Int == 0)
        #expect(try mibarai(["case", "next"]).stdout.contains("No open cases"))
    }

    @Test func theEvidenceFileAndDamageSummaryAreWritten() throws {
        try makeNode()
        let n = try openCase(["--deliberate", "--delivered-on", "2026-10-03"])
        #expect(try mibarai(["case", "log", "\(n)", "--kind", "letter-returned", "--note", "宛所尋ねあたらず", "--time", "14:05"]).status == 0)
        let md = try mibarai(["case", "evidence", "\(n)", "--format", "markdown"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("宛所尋ねあたらず"))
        // The time and the delivery date are kept and printed.
        #expect(md.stdout.contains("| 2026年11月22日 14:05 | 書面の返送 |") && md.stdout.contains("- 配達日: 2026年10月3日"), "\(md.stdout)")
        let shown = try json(try mibarai(["case", "show", "\(n)", "--json"]))
        #expect((shown["order"] as? [String: Any])?["delivered_on"] as? String == "2026-10-03")
        #expect((shown["events"] as? [[String: Any]])?.last?["time"] as? String == "14:05")
        #expect(md.stdout.contains("1234-5678-9012"))
        let html = try mibarai(["case", "evidence", "\(n)", "--output", dir.path("e.html")])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(try String(contentsOfFile: dir.path("e.html"), encoding: .utf8).contains("<!DOCTYPE html>"))

        // Before the report rung a report is refused; after the firm notice, only once the deadline
        // it gave the customer (7 days) has passed.
        let early = try mibarai(["case", "report", "\(n)"])
        #expect(early.status == 65, "\(early.stderr)")
        #expect(try mibarai(["case", "log", "\(n)", "--kind", "letter-sent", "--stage", "firm-notice"]).status == 0)
        let waiting = try mibarai(["case", "report", "\(n)"], today: "2026-11-29")
        #expect(waiting.status == 65 && waiting.stderr.contains("2026-11-29") && waiting.stderr.contains("2026-11-30"), "\(waiting.stderr)")
        #expect(try mibarai(["case", "next", "--all"], today: "2026-11-29").allOutput.contains("From 2026-11-30"))
        let published = try mibarai(["case", "report", "\(n)"], today: "2026-11-30")
        #expect(published.status == 0, "\(published.stderr)")
        let damage = try mibarai(["damage", "--phone", Fixtures.canary.phone!, "--address", Fixtures.canary.address!, "--name", Fixtures.canary.name!, "--json"])
        #expect(damage.status == 0, "\(damage.stderr)")
        let summary = try json(damage)
        #expect(summary["shop_count"] as? Int == 1)
        #expect(summary["outstanding_yen"] as? Int == 12_800)
        for value in [Fixtures.canary.name!, Fixtures.canary.phone!, "古石場"] { #expect(!damage.allOutput.contains(value)) }
    }

    /// A refused cash-on-delivery parcel is opened with the day it was refused and the loss as the
    /// amount: its letters claim the loss (no price, no due date, no warning left to heed), its
    /// police rung is the civil route, and the case keeps both facts.
    @Test func aRefusedCashOnDeliveryParcelIsClaimedAsALoss() throws {
        try makeNode()
        let c = Fixtures.canary
        let opened = try mibarai([
            "case", "open", "--json", "--amount", "3440", "--order-ref", "A-1002", "--order-date", "2026-10-01",
            "--ship-date", "2026-10-02", "--payment-method", "代金引換", "--refused-on", "2026-10-05",
            "--loss-detail", "往路送料 1,500円、返送料 1,500円、代金引換手数料 440円", "--items", "珈琲豆 2kg",
            "--opened-on", "2026-10-18", "--name", c.name!, "--postal-code", c.postalCode!, "--address", c.address!,
        ])
        #expect(opened.status == 0, "\(opened.stderr)")
        let order = try #require(try json(opened)["order"] as? [String: Any])
        #expect(order["refused_on"] as? String == "2026-10-05" && (order["loss_detail"] as? String)?.contains("返送料") == true)
        let n = try #require(try json(opened)["number"] as? Int)
        let demand = try mibarai(["case", "letter", "\(n)", "--stage", "formal-demand", "--json"])
        #expect(demand.status == 0, "\(demand.stderr)")
        let body = try #require(try json(demand)["body"] as? String)
        #expect(body.contains("受取りを拒み") && body.contains("3,440円の損害") && !body.contains("支払期限"), "\(body)")
        #expect((try json(demand)["warnings"] as? [Any])?.isEmpty == true)
        let police = try mibarai(["case", "letter", "\(n)", "--stage", "police-report"])
        #expect(police.stdout.contains("民事の手続き") && !police.stdout.contains("被害品"), "\(police.stdout)")
        // Its report is a COD refusal of the day it was refused, unless the shop says otherwise.
        for (date, kind) in [("2026-10-18", "mail-sent"), ("2026-10-25", "mail-sent"), ("2026-11-01", "mail-sent"), ("2026-11-08", "letter-sent")] {
            #expect(try mibarai(["case", "log", "\(n)", "--kind", kind, "--date", date]).status == 0)
        }
        let published = try mibarai(["case", "report", "\(n)", "--json"])
        #expect(published.status == 0, "\(published.stderr)")
        let report = try #require(try json(published)["report"] as? [String: Any])
        #expect(report["category"] as? String == "cod-refusal" && report["incident_date"] as? String == "2026-10-05", "\(report)")
        let bare = try mibarai(["case", "open", "--amount", "3440", "--loss-detail", "返送料", "--phone", c.phone!])
        #expect(bare.status == 64 && bare.stderr.contains("--refused-on"), "\(bare.stderr)")
    }

    @Test func badInputIsRefusedClearlyAndChangesNothing() throws {
        try makeNode(shop: false)
        let n = try openCase()
        #expect(try mibarai(["case", "log", "\(n)", "--kind", "mail-sent", "--date", "2026-11-01"]).status == 0)
        func events() throws -> Int { try #require((try json(try mibarai(["case", "show", "\(n)", "--json"]))["events"] as? [Any])?.count) }
        let before = try events()

        let cases: [([String], Int32, String)] = [
            (["case", "show", "99"], 66, "no case number 99"),
            (["case", "log", "99", "--kind", "note"], 66, "no case number 99"),
            (["case", "log", "\(n)", "--kind", "call-made", "--date", "2026-11-30"], 65, "future"),
            (["case", "log", "\(n)", "--kind", "call-made", "--date", "2026-10-25"], 65, "before the last event"),
            (["case", "log", "\(n)", "--kind", "teleport"], 65, "unknown --kind"),
            (["case", "log", "\(n)", "--kind", "note", "--time", "25:00"], 65, "HH:MM"),
            (["case", "log", "\(n)", "--kind", "payment", "--amount", "99999"], 65, "more than what is still owed"),
            (["case", "log", "\(n)", "--kind", "promise"], 65, "promised date"),
            (["case", "log", "\(n)", "--kind", "note", "--amount", "100"], 64, "--amount applies only"),
            (["case", "close", "\(n)", "--outcome", "vanished"], 65, "unknown --outcome"),
            (["case", "letter", "\(n)"], 65, "[shop]"),
            (["case", "open", "--amount", "0", "--phone", "090-1234-5678"], 65, "amount owed"),
            (["case", "open", "--amount", "100"], 64, "customer's details"),
        ]
        for (args, code, message) in cases {
            let r = try mibarai(args)
            #expect(r.status == code, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("error: ") && r.stderr.contains("エラー: "), "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            // Errors never quote the customer.
            for value in [Fixtures.canary.name!, Fixtures.canary.phone!, "古石場"] { #expect(!r.stderr.contains(value)) }
        }
        #expect(try events() == before)
        #expect(try mibarai(["case", "list", "--json"]).stdout.split(separator: "\n").count == 1)
    }

    @Test func aHandEditedFormalLetterThatBreaksTheRulesIsRefused() throws {
        try makeNode()
        try (String(repeating: "督", count: 20) + "\n" + String(repeating: "促", count: 21) + "\n").write(toFile: dir.path("bad.txt"), atomically: true, encoding: .utf8)
        let r = try mibarai(["case", "naiyo-check", dir.path("bad.txt")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("Line 2 has 21 characters"))
        #expect(r.stderr.contains("2行目が21字"))
        let wide = try mibarai(["case", "naiyo-check", dir.path("bad.txt"), "--layout", "26x20"])
        #expect(wide.status == 0, "\(wide.stderr)")
    }

    @Test func everyDocumentedDunningKeyIsReadAndBadValuesAreRefused() throws {
        try makeNode(shop: false)
        let config = URL(fileURLWithPath: dataDir).appendingPathComponent("mibarai.toml")
        let template = try String(contentsOf: config, encoding: .utf8)
        // Uncomment every key the template documents under [dunning]: each one must be a real key.
        var inDunning = false
        var lines: [String] = []
        var keys = 0
        for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("[") { inDunning = line == "[dunning]" }
            if inDunning, line.hasPrefix("# "), line.contains(" = ") {
                var uncommented = String(line.dropFirst(2))
                if uncommented.hasPrefix("reminder_interval_days") { uncommented = "reminder_interval_days = 3" }
                lines.append(uncommented)
                keys += 1
            } else {
                lines.append(String(line))
            }
        }
        #expect(keys == 14)
        try lines.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        let n = try openCase()
        #expect(try mibarai(["case", "log", "\(n)", "--kind", "mail-sent", "--date", "2026-11-01"]).status == 0)
        let step = try #require(try json(try mibarai(["case", "show", "\(n)", "--json"]))["next_step"] as? [String: Any])
        #expect(step["due"] as? String == "2026-11-04")

        let replacements = [
            ("report_stage = \"firm-notice\"", "report_stage = \"someday\""),
            ("reminder_interval_days = 3", "reminder_interval_days = 0"),
            ("reminder_interval_days = 3", "colour = \"red\""),
        ]
        for (good, bad) in replacements {
            #expect(lines.joined(separator: "\n").contains(good))
            try (lines.joined(separator: "\n").replacingOccurrences(of: good, with: bad))
                .write(to: config, atomically: true, encoding: .utf8)
            let r = try mibarai(["case", "list"])
            #expect(r.status == 65, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("dunning") || r.stderr.contains("colour"), "\(bad): \(r.stderr)")
        }
    }

    @Test func theGuideSpeaksBothLanguages() throws {
        let ja = try CommandRunner.mibarai(["guide", "ladder"], environment: ["LANG": "ja_JP.UTF-8"])
        #expect(ja.status == 0)
        #expect(ja.stdout.contains("内容証明郵便による督促状"))
        let en = try CommandRunner.mibarai(["guide", "prevention", "--lang", "en"])
        #expect(en.stdout.contains("prepay"))
        let all = try CommandRunner.mibarai(["guide", "--json"])
        #expect(all.stdout.split(separator: "\n").count == GuideTopic.allCases.count)
        let bad = try CommandRunner.mibarai(["guide", "astrology"])
        #expect(bad.status == 64)
    }
}
