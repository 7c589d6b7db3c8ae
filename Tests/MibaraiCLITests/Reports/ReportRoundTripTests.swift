import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// End to end through the real binary, a real data directory and a real SQLite file.
@Suite("CLI round trip")
struct ReportRoundTripTests {
    let dir = TemporaryDirectory("mibarai-cli")
    var dataDir: String { dir.path("node") }

    func mibarai(_ args: [String], stdin: Data? = nil, lang: String = "C") throws -> CommandResult {
        try CommandRunner.mibarai(args + ["--data-dir", dataDir], stdin: stdin, environment: ["LANG": lang])
    }

    func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
    }

    @Test func anUpdateSaysWhatChangedAndTheHistoryIsInTheShopsLanguage() throws {
        #expect(try mibarai(["init", "--node-id", "shop-test"]).status == 0)
        let added = try mibarai(["report", "add", "--json", "--category", "non-payment", "--amount", "12800",
                                 "--phone", "080-2468-1357", "--incident-date", "2026-10-01"])
        let id = try #require(try json(added)["id"] as? String)
        let amount = try mibarai(["report", "update", id, "--amount", "9800"], lang: "ja_JP.UTF-8")
        #expect(amount.status == 0, "\(amount.stderr)")
        #expect(amount.stdout.contains("金額 (¥12,800 → ¥9,800)"), "\(amount.stdout)")
        #expect(!amount.stdout.contains("状態"), "an amount-only correction says nothing of the status: \(amount.stdout)")
        let paid = try mibarai(["report", "update", id, "--status", "paid", "--phone", "080-2468-1358"])
        #expect(paid.stdout.contains("status (open → paid)") && paid.stdout.contains("phone"), "\(paid.stdout)")
        #expect(!paid.stdout.contains("080-2468"), "identity values are named, not printed: \(paid.stdout)")
        let history = try mibarai(["report", "show", id], lang: "ja_JP.UTF-8")
        #expect(history.stdout.contains("記録  未解決") && history.stdout.contains("訂正  未解決") && history.stdout.contains("状態の変更  支払済"),
                "\(history.stdout)")
        #expect(!history.stdout.contains("recorded") && !history.stdout.contains("open"), "\(history.stdout)")
    }

    @Test func initReportCheckWithdrawCheck() throws {
        #expect(try mibarai(["init", "--node-id", "shop-test"]).status == 0)
        let c = Fixtures.canary
        let added = try mibarai([
            "report", "add", "--json", "--category", "non-payment", "--amount", "¥48,000",
            "--name", c.name!, "--kana", c.nameKana!, "--postal-code", c.postalCode!, "--address", c.address!,
            "--phone", c.phone!, "--email", c.email!, "--order-date", "2026-09-20", "--incident-date", "2026-10-01",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require(try json(added)["id"] as? String)

        // Another shop types the same person differently.
        let check = try mibarai(["check", "--json", "--phone", "＋８１ ９０（１２３４）５６７８", "--email", "Canary.Mihon@docomo.ne.jp"])
        #expect(check.status == 0, "\(check.stderr)")
        let found = try json(check)
        #expect(found["matched"] as? Bool == true)
        #expect(found["outstanding_yen"] as? Int == 48_000)
        #expect(found["strongest"] as? String == "strong")
        let match = try #require((found["matches"] as? [[String: Any]])?.first)
        #expect(match["report_id"] as? String == id)
        #expect(match["origin"] as? String == "shop-test")
        #expect(match["matched_fields"] as? [String] == ["phone", "email"])

        // The check's output names fields, never the values.
        for value in [c.name!, "+819012345678", "canary.mihon@docomo.ne.jp", "カナリア"] {
            #expect(!check.allOutput.contains(value))
        }

        let paid = try mibarai(["report", "update", id, "--status", "paid"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(try json(try mibarai(["check", "--json", "--phone", c.phone!]))["outstanding_yen"] as? Int == 0)

        let withdrawn = try mibarai(["report", "withdraw", String(id.prefix(8))])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        let after = try json(try mibarai(["check", "--json", "--phone", c.phone!, "--email", c.email!]))
        #expect(after["matched"] as? Bool == false)

        let shown = try mibarai(["report", "show", id, "--json"])
        let events = try #require(try json(shown)["events"] as? [[String: Any]])
        #expect(events.compactMap { $0["kind"] as? String } == ["recorded", "status", "withdrawn"])
    }

    @Test func householdMatchSaysTheNameDiffers() throws {
        #expect(try mibarai(["init"]).status == 0)
        let c = Fixtures.canary
        #expect(try mibarai(["report", "add", "--category", "cod-refusal", "--amount", "3000", "--name", c.name!,
                             "--address", c.address!, "--postal-code", c.postalCode!, "--incident-date", "2026-10-01"]).status == 0)
        let out = try mibarai(["check", "--name", "見本 花子", "--address", c.address!, "--postal-code", c.postalCode!, "--lang", "en"])
        #expect(out.stdout.contains("address only"))
        #expect(out.stdout.contains("name differs"))
        let ja = try mibarai(["check", "--name", "見本 花子", "--address", c.address!, "--postal-code", c.postalCode!], lang: "ja_JP.UTF-8")
        #expect(ja.stdout.contains("住所のみ一致"))
    }
}

@Suite("CLI CSV batch")
struct CSVBatchTests {
    @Test func shiftJISExportIsReadAndTheReportedRowFound() throws {
        let dir = TemporaryDirectory("mibarai-csv")
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let c = Fixtures.canary
        #expect(try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "unpaid", "--amount", "9800",
                                           "--phone", c.phone!, "--email", c.email!, "--incident-date", "2026-10-01"]).status == 0)
        let csv = """
        注文番号,氏名,電話番号,メールアドレス,商品
        1001,無関係 一郎,03-3333-4444,ichiro@example.jp,"ハンドクリーム, 2個"
        1002,見本 カナリア太郎,０９０ー１２３４ー５６７８,CANARY.MIHON@docomo.ne.jp,①セット
        1003,,,,
        """
        let path = dir.path("orders.csv")
        try #require(csv.replacingOccurrences(of: "\n", with: "\r\n").data(using: .shiftJIS)).write(to: URL(fileURLWithPath: path))
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(rows.count == 3)
        #expect(rows.map { $0["row"] as? Int } == [2, 3, 4])
        // The empty order was not looked up: it says so, and carries no lookup answer.
        #expect(rows.map { $0["matched"] as? Bool } == [false, true, nil])
        #expect(rows.map { $0["checkable"] as? Bool } == [true, true, false])
        let human = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", path, "--lang", "en"])
        // Orders are named by their number (and row), the format in the output's language.
        #expect(human.stdout.contains("order 1002 (row 3):"), "\(human.stdout)")
        #expect(human.stdout.contains("1 of 3 orders matched (Shift_JIS)"))
        #expect(human.stdout.contains("Format: generic (read from the column names)"))
        let ja = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", path, "--lang", "ja"])
        #expect(ja.stdout.contains("注文 1002 (3行目):") && ja.stdout.contains("形式: 汎用 (列名から判断)"), "\(ja.stdout)")
        #expect(!ja.stdout.contains("generic"))

        // One order: the lookup's summary is printed once (its reason line gives it).
        let one = try CommandRunner.mibarai(["check", "--data-dir", node, "--phone", c.phone!, "--lang", "en"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.components(separatedBy: "1 report from 1 shop").count == 2, "\(one.stdout)")
        #expect(one.stdout.contains("matched reports:"))
    }
}

extension CSVBatchTests {
    @Test func largeBatchUsesTheMemoryIndexAndFindsTheSameRows() throws {
        let dir = TemporaryDirectory("mibarai-csv-large")
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let c = Fixtures.canary
        #expect(try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "unpaid", "--amount", "9800",
                                           "--phone", c.phone!, "--incident-date", "2026-10-01"]).status == 0)
        var lines = ["order,name,phone,email"]
        for i in 0..<2500 {
            lines.append(i == 1999 ? "\(i),見本,+81-90-1234-5678," : "\(i),無関係,03-\(String(format: "%04d", i))-0000,n\(i)@example.jp")
        }
        let path = dir.path("big.csv")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let matched = r.stdout.split(separator: "\n").compactMap { line -> Int? in
            let o = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return o["matched"] as? Bool == true ? o["row"] as? Int : nil
        }
        #expect(matched == [2001])
    }
}

@Suite("CLI identity on stdin")
struct StdinIdentityTests {
    let dir = TemporaryDirectory("mibarai-stdin")
    var node: String { dir.path("node") }

    @Test func reportAndCheckWithTheIdentityOnStdinOnly() throws {
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let c = Fixtures.canary
        let person = try JSONSerialization.data(withJSONObject: [
            "name": c.name!, "name_kana": c.nameKana!, "postal_code": c.postalCode!, "address": c.address!,
            "phone": c.phone!, "email": NSNull(),
        ])
        let add = try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "unpaid", "--amount", "4000",
                                             "--incident-date", "2026-10-01", "--stdin", "--json"], stdin: person)
        #expect(add.status == 0, "\(add.stderr)")
        let check = try CommandRunner.mibarai(["check", "--data-dir", node, "--stdin", "--json"],
                                              stdin: Data("{\"phone\":\"+81 90 1234 5678\"}".utf8))
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("\"matched\":true"))
    }

    @Test func unknownFieldsAndConflictsAreRefused() throws {
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let unknown = try CommandRunner.mibarai(["check", "--data-dir", node, "--stdin"], stdin: Data("{\"nickname\":\"taro\"}".utf8))
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("不明な項目") && unknown.stderr.contains("unknown field \"nickname\""))
        let conflict = try CommandRunner.mibarai(["check", "--data-dir", node, "--stdin", "--phone", "090-1234-5678"],
                                                 stdin: Data("{\"phone\":\"090-1234-5678\"}".utf8))
        #expect(conflict.status == 64)
        #expect(!conflict.allOutput.contains("1234"))
        let notJSON = try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "unpaid", "--stdin"], stdin: Data("phone=1".utf8))
        #expect(notJSON.status == 65)
        let list = try CommandRunner.mibarai(["report", "list", "--data-dir", node, "--json"])
        #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}
