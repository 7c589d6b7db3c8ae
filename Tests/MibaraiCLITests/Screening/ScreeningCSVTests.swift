import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `mibarai check --csv` on a sample export of each platform, through the real binary: the
/// platform is recognised, every order is screened with its reasons, bad rows are reported and
/// the batch goes on, and the annotated CSV keeps every row.
@Suite("Screening CSV exports")
struct ScreeningCSVTests {
    let dir = TemporaryDirectory("mibarai-screen-csv")
    var node: String { dir.path("node") }

    static func fixture(_ name: String) -> String {
        ProjectPaths.root.appendingPathComponent("Tests/Fixtures/orders").appendingPathComponent(name).path
    }

    /// A node with one report of the canary (phone and e-mail), which every sample orders once.
    func prepareNode() throws {
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let c = Fixtures.canary
        let r = try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "unpaid", "--amount", "9800",
                                           "--phone", c.phone!, "--email", c.email!, "--incident-date", "2026-10-01"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Screens a fixture as JSON lines: reference → object.
    func screen(_ name: String) throws -> [String: [String: Any]] {
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", Self.fixture(name), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        for value in ["090-1234-5678", "canary.mihon", "カナリア", "古石場"] {
            #expect(!r.allOutput.contains(value), "no identity value in the output")
        }
        var out: [String: [String: Any]] = [:]
        for line in r.stdout.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            out[try #require(o["reference"] as? String)] = o
        }
        return out
    }

    func rules(_ o: [String: Any]?) -> Set<String> {
        Set(((o?["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
    }

    func platform(_ name: String) throws -> String {
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", Self.fixture(name), "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func shopify() throws {
        try prepareNode()
        let o = try screen("shopify_orders_export.csv")
        #expect(o.count == 4)
        #expect(o["#1001"]?["decision"] as? String == "pass")
        #expect(o["#1002"]?["decision"] as? String == "hold")
        #expect(o["#1002"]?["strongest"] as? String == "strong")
        #expect(rules(o["#1003"]) == ["post_office_hold", "free_mail", "new_customer_pay_later"])
        #expect(o["#1003"]?["decision"] as? String == "review")
        #expect(o["#1003"]?["rows"] as? [Int] == [4, 5], "a two-item order spans two rows")
        #expect(o["#1004"]?["checkable"] as? Bool == false, "a bad row gets a reason")
        #expect((o["#1004"]?["error"] as? [String: String])?["en"]?.contains("quantity") == true)
        #expect(try platform("shopify_orders_export.csv").contains("Format: Shopify."))
    }

    @Test func aShiftJISExportComesBackShiftJIS() throws {
        try prepareNode()
        let path = Self.fixture("eccube_juchu.csv")
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", path, "--output-format", "csv", "--lang", "ja"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdoutData.starts(with: [0xEF, 0xBB, 0xBF]), "no UTF-8 BOM on a Shift_JIS file")
        #expect(String(data: r.stdoutData, encoding: .utf8) == nil, "the output is not UTF-8")
        let text = try #require(String(data: r.stdoutData, encoding: .shiftJIS), "the output is Shift_JIS")
        let original = try #require(String(data: Data(contentsOf: URL(fileURLWithPath: path)), encoding: .shiftJIS))
        let out = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        let lines = original.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        #expect(out.count == lines.count)
        #expect(out[0] == lines[0] + ",mibarai_score,mibarai_decision,mibarai_reasons")
        #expect(text.contains("報告と一致") && text.contains("￥"), "added Japanese text, ¥ as its full-width form")
        // The annotated file is read back by the same import.
        let annotated = dir.path("annotated-sjis.csv")
        try r.stdoutData.write(to: URL(fileURLWithPath: annotated))
        let again = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", annotated, "--lang", "en"])
        #expect(again.status == 0 && again.stdout.contains("(Shift_JIS)"), "\(again.stdout) \(again.stderr)")
    }

    @Test func eccubeShiftJIS() throws {
        try prepareNode()
        let o = try screen("eccube_juchu.csv")
        #expect(o["201"]?["decision"] as? String == "pass")
        #expect(o["202"]?["decision"] as? String == "hold")
        #expect(rules(o["203"]).isSuperset(of: ["disposable_mail", "invalid_phone", "kana_mismatch", "high_value_basket", "non_residential"]))
        let text = try platform("eccube_juchu.csv")
        #expect(text.contains("(Shift_JIS)") && text.contains("Format: EC-CUBE."))
    }

    @Test func base() throws {
        try prepareNode()
        let o = try screen("base_orders.csv")
        #expect(o["A1B2C3D4E5"]?["decision"] as? String == "pass")
        #expect(o["F6G7H8I9J0"]?["decision"] as? String == "hold")
        #expect(rules(o["K1L2M3N4O5"]).isSuperset(of: ["forwarding_service", "quantity_spike", "billing_shipping_mismatch"]))
        #expect(try platform("base_orders.csv").contains("Format: BASE."))
    }

    @Test func stores() throws {
        try prepareNode()
        let o = try screen("stores_orders.csv")
        #expect(o["3001"]?["decision"] as? String == "pass")
        #expect(o["3002"]?["decision"] as? String == "hold")
        #expect(rules(o["3003"]).isSuperset(of: ["convenience_store_pickup", "kana_mismatch", "disposable_mail", "invalid_phone"]))
        #expect(try platform("stores_orders.csv").contains("Format: STORES."))
    }

    @Test func colorMeShiftJIS() throws {
        try prepareNode()
        let o = try screen("colorme_sales_all.csv")
        #expect(o["900001"]?["decision"] as? String == "pass")
        #expect(o["900002"]?["decision"] as? String == "hold")
        #expect(rules(o["900003"]).isSuperset(of: ["depot_hold", "non_residential", "quantity_spike"]))
        let text = try platform("colorme_sales_all.csv")
        #expect(text.contains("(Shift_JIS)") && text.contains("Format: カラーミーショップ."))
    }

    @Test func annotatedCSVKeepsEveryRowAndColumn() throws {
        try prepareNode()
        let path = Self.fixture("shopify_orders_export.csv")
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", path, "--output-format", "csv", "--lang", "ja"])
        #expect(r.status == 0, "\(r.stderr)")
        let outFile = dir.path("annotated.csv")
        try r.stdoutData.write(to: URL(fileURLWithPath: outFile))
        // The output is itself a CSV the command reads back, with the same rows and three more columns.
        let lines = r.stdout.split(separator: "\r\n", omittingEmptySubsequences: true)
        let original = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == original.count)
        #expect(lines[0] == original[0] + ",mibarai_score,mibarai_decision,mibarai_reasons")
        #expect(lines[1].hasPrefix(original[1]))
        #expect(lines[2].contains(",hold,") && lines[2].contains("報告と一致"))
        #expect(lines[3].contains(",review,") && lines[4].contains(",review,"), "both rows of a two-item order")
        #expect(lines[5].contains(",error,"))
        let again = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", outFile, "--json"])
        #expect(again.status == 0 && again.stdout.split(separator: "\n").count == 4)
    }

    @Test func screeningTheSameFileTwiceCountsEachOrderOnce() throws {
        try prepareNode()
        _ = try screen("shopify_orders_export.csv")
        let second = try screen("shopify_orders_export.csv")
        #expect(!rules(second["#1002"]).contains("order_burst"), "the orders of the first run are replaced, not added")
        #expect(rules(second["#1003"]).contains("new_customer_pay_later"))
    }

    @Test func configuredWeightsAndAllowList() throws {
        try prepareNode()
        let config = URL(fileURLWithPath: node).appendingPathComponent("mibarai.toml")
        var text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("[screening.weights]") && text.contains("free_mail = 10"))
        text = text.replacingOccurrences(of: "allow_list = []", with: "allow_list = [\"080-3333-4444\"]")
        text = text.replacingOccurrences(of: "post_office_hold = 20", with: "post_office_hold = 70")
        try Data(text.utf8).write(to: config)
        let o = try screen("shopify_orders_export.csv")
        #expect(o["#1003"]?["allow_listed"] as? Bool == true)
        #expect(o["#1003"]?["decision"] as? String == "pass")
        text = text.replacingOccurrences(of: "allow_list = [\"080-3333-4444\"]", with: "allow_list = []")
        try Data(text.utf8).write(to: config)
        #expect(try screen("shopify_orders_export.csv")["#1003"]?["decision"] as? String == "hold", "post_office_hold now weighs 70")
        try Data(text.replacingOccurrences(of: "free_mail = 10", with: "free_mail = 10\nno_such_rule = 5").utf8).write(to: config)
        let bad = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", Self.fixture("shopify_orders_export.csv")])
        #expect(bad.status == 65 && bad.stderr.contains("no_such_rule") && bad.stderr.contains("エラー"))
    }

    @Test func unreadableFileIsAClearError() throws {
        try prepareNode()
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", dir.path("")])
        #expect(r.status == 66 && r.stderr.contains("エラー") && r.stderr.contains("cannot read the CSV file"))
    }
}
