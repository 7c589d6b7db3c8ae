import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `mibarai check` with one order's fields, through the real binary: the order is screened like
/// a row of `--csv` (score, decision, each rule with its reason), `--lookup-only` keeps the bare
/// lookup, and the history records an order only when it has an order number.
@Suite("Single-order screening")
struct SingleOrderCheckTests {
    let dir = TemporaryDirectory("mibarai-check-one")
    var dataDir: String { dir.path("node") }

    func mibarai(_ args: [String], lang: String = "C") throws -> CommandResult {
        try CommandRunner.mibarai(args + ["--data-dir", dataDir], environment: ["LANG": lang])
    }

    func json(_ r: CommandResult) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
    }

    func rules(_ o: [String: Any]) -> Set<String> {
        Set(((o["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
    }

    /// A node with one unpaid report of the canary, by phone and address.
    func prepareNode() throws {
        #expect(try mibarai(["init"]).status == 0)
        let c = Fixtures.canary
        let r = try mibarai(["report", "add", "--category", "unpaid", "--amount", "9800", "--name", c.name!,
                             "--phone", c.phone!, "--postal-code", c.postalCode!, "--address", c.address!, "--incident-date", "2026-10-01"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func aPaidSettledOrDisputedReportNoLongerHoldsTheCustomersNextOrder() throws {
        #expect(try mibarai(["init"]).status == 0)
        let c = Fixtures.canary
        let added = try json(try mibarai(["report", "add", "--category", "unpaid", "--amount", "9800", "--name", c.name!,
                                          "--phone", c.phone!, "--postal-code", c.postalCode!, "--address", c.address!,
                                          "--incident-date", "2026-10-01", "--json"]))
        let id = try #require(added["id"] as? String)
        let next = ["check", "--name", c.name!, "--phone", c.phone!, "--postal-code", c.postalCode!, "--address", c.address!,
                    "--payment", "card", "--json"]
        #expect(try json(try mibarai(next))["decision"] as? String == "hold", "an open report holds a strong match")
        for status in ["paid", "settled", "disputed"] {
            #expect(try mibarai(["report", "update", id, "--status", status]).status == 0)
            let o = try json(try mibarai(next))
            #expect(o["decision"] as? String == "pass", "\(status): \(o)")
            #expect(o["outstanding_yen"] as? Int == 0, "\(status): \(o)")
            #expect(rules(o).contains(status == "disputed" ? "federation_disputed" : "federation_settled"), "\(status): \(o)")
            #expect(!rules(o).contains("federation_strong"))
        }
        // A held order comes with a call script (text and JSON); a passing one without.
        #expect(try mibarai(["report", "update", id, "--status", "open"]).status == 0)
        let held = try json(try mibarai(next))
        #expect((held["confirmation_call"] as? [String: String])?["ja"]?.contains("ご注文の内容を確認") == true, "\(held)")
        let text = try mibarai(Array(next.dropLast()), lang: "ja_JP.UTF-8")
        #expect(text.stdout.contains("確認の電話 (例):"), "\(text.stdout)")
        #expect(try mibarai(["report", "update", id, "--status", "disputed"]).status == 0)
        #expect(try json(try mibarai(next))["confirmation_call"] == nil)
        // The Japanese text says why the match does not count.
        let disputed = try mibarai(["check", "--name", c.name!, "--phone", c.phone!, "--postal-code", c.postalCode!, "--address", c.address!], lang: "ja_JP.UTF-8")
        #expect(disputed.stdout.contains("係争中") && disputed.stdout.contains("未回収 ¥0"), "\(disputed.stdout)")
    }

    @Test func riskyOrderIsHeldWithItsReasons() throws {
        try prepareNode()
        let c = Fixtures.canary
        let risky = ["check", "--phone", c.phone!, "--email", "canary.mihon@yahoo.co.jp", "--name", c.name!,
                     "--postal-code", "503-8799", "--address", "岐阜県大垣市 大垣郵便局留め", "--payment", "NP後払い"]
        let o = try json(try mibarai(risky + ["--json"]))
        #expect(o["decision"] as? String == "hold")
        #expect(rules(o).isSuperset(of: ["federation_probable", "post_office_hold", "free_mail", "new_customer_pay_later"]) || rules(o).isSuperset(of: ["federation_strong", "post_office_hold", "free_mail", "new_customer_pay_later"]), "\(rules(o))")
        let reasons = try #require(o["reasons"] as? [[String: Any]])
        #expect(reasons.allSatisfy { ($0["ja"] as? String)?.isEmpty == false && ($0["en"] as? String)?.isEmpty == false && $0["weight"] is Int })
        #expect(o["score"] as? Int == reasons.compactMap { $0["weight"] as? Int }.reduce(0, +))
        // The lookup's keys are all still there.
        for key in ["checkable", "matched", "reports", "shops", "outstanding_yen", "strongest", "matches"] { #expect(o[key] != nil, "\(key)") }
        #expect(o["matched"] as? Bool == true)
        #expect(o["outstanding_yen"] as? Int == 9_800)

        let ja = try mibarai(risky, lang: "ja_JP.UTF-8")
        #expect(ja.status == 0, "\(ja.stderr)")
        #expect(ja.stdout.hasPrefix("判定: 保留"))
        #expect(ja.stdout.contains("局留め") && ja.stdout.contains("フリーメール") && ja.stdout.contains("報告と一致"))
        let en = try mibarai(risky + ["--lang", "en"])
        #expect(en.stdout.hasPrefix("decision: hold"))
        #expect(en.stdout.contains("post-office hold") && en.stdout.contains("free e-mail"))
        for value in ["090-1234-5678", "+819012345678", "canary.mihon", "大垣", "カナリア"] {
            #expect(!ja.allOutput.contains(value) && !en.allOutput.contains(value), "no identity value in the output")
        }
    }

    @Test func cleanOrderPasses() throws {
        try prepareNode()
        let o = try json(try mibarai(["check", "--json", "--name", "試験 花子", "--phone", "03-3333-4444", "--email", "hanako@example.co.jp",
                                      "--postal-code", "100-0001", "--address", "東京都千代田区千代田1-1", "--payment", "card",
                                      "--item", "TEA-1:2:1800"]))
        #expect(o["decision"] as? String == "pass")
        #expect(o["score"] as? Int == 0)
        #expect(o["matched"] as? Bool == false)
        #expect(rules(o).isEmpty)
    }

    @Test func basketAndShippingFieldsReachTheRules() throws {
        try prepareNode()
        let o = try json(try mibarai(["check", "--json", "--name", "試験 花子", "--phone", "03-3333-4444",
                                      "--postal-code", "100-0001", "--address", "東京都千代田区千代田1-1",
                                      "--ship-name", "別人 一郎", "--ship-postal-code", "530-0001", "--ship-address", "大阪府大阪市北区梅田3-1-1 ホテル梅田 フロント気付",
                                      "--item", "CAM-1:2:¥45,000", "--item", "CAM-2:9:31000", "--payment", "card"]))
        let fired = rules(o)
        #expect(fired.isSuperset(of: ["high_value_basket", "quantity_spike", "billing_shipping_mismatch", "non_residential"]), "\(fired)")
    }

    @Test func lookupOnlyKeepsTheBareLookup() throws {
        try prepareNode()
        let o = try json(try mibarai(["check", "--json", "--lookup-only", "--phone", Fixtures.canary.phone!]))
        #expect(o["matched"] as? Bool == true)
        #expect(o["decision"] == nil && o["score"] == nil)
        let text = try mibarai(["check", "--lookup-only", "--phone", Fixtures.canary.phone!, "--lang", "en"])
        #expect(!text.stdout.contains("decision:"))
    }

    /// Without an order number a check reads the history and adds nothing; with one it records
    /// the order, and checking that number again replaces it.
    @Test func onlyNumberedOrdersAreRecorded() throws {
        #expect(try mibarai(["init"]).status == 0)
        let phone = ["--phone", "080-2222-3333", "--postal-code", "100-0001", "--address", "東京都千代田区千代田1-1"]
        func check(_ name: String, _ extra: [String] = []) throws -> Set<String> {
            rules(try json(try mibarai(["check", "--json", "--name", name] + phone + extra)))
        }
        #expect(try check("試験 一郎").isEmpty)
        #expect(!(try check("試験 二郎")).contains("shared_phone_names"), "the unnumbered check was not recorded")
        #expect(try check("試験 一郎", ["--order-ref", "A-1"]).isEmpty)
        #expect(try check("試験 一郎", ["--order-ref", "A-1"]).isEmpty, "the same order again replaces itself")
        #expect(try check("試験 二郎").contains("shared_phone_names"), "the numbered order is in the history")
    }

    @Test func badOrderFieldsAreRefused() throws {
        try prepareNode()
        let base = ["check", "--phone", "090-1234-5678"]
        for (extra, comment) in [(["--item", "TEA:abc"], "quantity not a number"), (["--item", "TEA:-1:100"], "negative quantity"),
                                 (["--item", "A:1:2:3"], "too many parts"), (["--placed-at", "someday"], "not a date"),
                                 (["--payment", "bitcoinz"], "unknown payment")] as [([String], Comment)] {
            let r = try mibarai(base + extra)
            #expect(r.status == 65, comment)
            #expect(r.stderr.contains("エラー") && r.stderr.contains("error"), "bilingual: \(r.stderr)")
            #expect(!r.allOutput.contains("090-1234-5678"))
        }
        let both = try mibarai(["check", "--csv", "x.csv", "--payment", "card"])
        #expect(both.status == 64)
    }
}
