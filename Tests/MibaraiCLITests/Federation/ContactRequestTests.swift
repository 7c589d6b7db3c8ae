import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// Shops that work a repeat offender together, between real processes: shop-b matches the person
/// shop-a reported, asks shop-a through the federation to get in touch; shop-a reads the request
/// and shares its contact and damage (the ladder of the case it opened from its report); shop-b
/// reads the answer and makes the joint damage summary. The message is sealed: the hub relays it
/// without being able to read it, and no customer value travels or is logged.
@Suite("Contact requests between real processes", .serialized)
struct ContactRequestTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }
    let person = Fixtures.canary

    func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r.stdout)")
    }

    func lines(_ r: CommandResult) -> [[String: Any]] {
        r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Gives a node its `[shop]` details (name and phone), as a shop owner would in `mibarai.toml`.
    func setShop(_ node: String, name: String, phone: String) throws {
        let config = URL(fileURLWithPath: dir.path(node)).appendingPathComponent("mibarai.toml")
        let text = try String(contentsOf: config, encoding: .utf8) + "\n[shop]\nname = \"\(name)\"\nphone = \"\(phone)\"\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
    }

    func contacts(_ node: String) throws -> [[String: Any]] {
        lines(try federation.mibarai(["contact", "list", "--data-dir", dir.path(node), "--json"]))
    }

    /// The bytes of a node's database file and its write-ahead log.
    func databaseBytes(_ node: String) -> Data {
        ["mibarai.sqlite", "mibarai.sqlite-wal"].reduce(into: Data()) { out, name in
            out += (try? Data(contentsOf: URL(fileURLWithPath: dir.path(node)).appendingPathComponent(name))) ?? Data()
        }
    }

    @Test func aSharedAnswerMakesTheJointDamageSummary() throws {
        let trio = try federation.startHubAndTwoShops()
        defer { trio.stop() }
        try setShop("shop-a", name: "大阪雑貨店", phone: "06-6000-0000")
        try setShop("shop-b", name: "神戸珈琲店", phone: "078-300-0000")

        // shop-a reports the person and works the case it opens from the report up two rungs.
        let added = try federation.mibarai([
            "report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
            "--phone", person.phone!, "--incident-date", "2026-10-01", "--json",
        ])
        let reportA = try #require(try json(added)["id"] as? String)
        let caseA = try #require(try json(try federation.mibarai([
            "case", "open", "--data-dir", dir.path("shop-a"), "--from-report", reportA, "--amount", "12800", "--order-date", "2026-10-01",
            "--opened-on", "2026-10-05", "--json",
        ]))["number"] as? Int)
        for (date, kind) in [("2026-10-08", "mail-sent"), ("2026-10-15", "mail-sent")] {
            try federation.mibarai(["case", "log", "\(caseA)", "--data-dir", dir.path("shop-a"), "--kind", kind, "--date", date])
        }
        // shop-b's own case of the same person.
        let caseB = try #require(try json(try federation.mibarai([
            "case", "open", "--data-dir", dir.path("shop-b"), "--amount", "9800", "--order-date", "2026-11-02", "--opened-on", "2026-11-10",
            "--phone", person.phone!, "--json",
        ]))["number"] as? Int)

        // shop-b's lookup finds shop-a's record; it asks shop-a to get in touch, for its case.
        var matches: [[String: Any]] = []
        #expect(try federation.eventually {
            matches = try federation.lookup("shop-b", phone: person.phone!).filter { $0["origin"] as? String == "shop-a" }
            return !matches.isEmpty
        }, "shop-b never saw shop-a's record")
        let publication = try #require(matches.first?["report_id"] as? String)
        let text = "同じ方と思われる未払いがあります。ご連絡いただけますか。"
        let pasted = try CommandRunner.mibarai(["contact", "request", publication, "--data-dir", dir.path("shop-b"),
                                                "--message", "電話 \(person.phone!) の方です"])
        #expect(pasted.status == 64 && pasted.stderr.contains("電話番号"), "a phone number in the message is refused: \(pasted.stderr)")
        let unknown = try CommandRunner.mibarai(["contact", "request", String(repeating: "ab", count: 16), "--data-dir", dir.path("shop-b")])
        #expect(unknown.status != 0 && unknown.stderr.contains(String(repeating: "ab", count: 16)))
        let request = try #require(try json(try federation.mibarai([
            "contact", "request", publication, "--data-dir", dir.path("shop-b"), "--case", "\(caseB)", "--message", text, "--json",
        ]))["id"] as? String)

        // shop-a reads it: shop-b's name, contact and message, and which of its reports it is about.
        var received: [String: Any] = [:]
        #expect(try federation.eventually {
            received = try contacts("shop-a").first { $0["id"] as? String == request } ?? [:]
            return !received.isEmpty
        }, "the request never reached shop-a")
        #expect(received["direction"] as? String == "received" && received["kind"] as? String == "contact_request")
        #expect(received["shop"] as? String == "shop-b" && received["contact"] as? String == "078-300-0000")
        #expect(received["text"] as? String == text && received["report"] as? String == publication)
        #expect(received["answered"] as? Bool == false)
        // The hub relayed it and cannot read it: it lists nothing, and its file holds no word of it.
        #expect(try contacts("hub").isEmpty)
        #expect(databaseBytes("hub").range(of: Data(text.utf8)) == nil)
        #expect(databaseBytes("shop-b").range(of: Data(text.utf8)) != nil, "the sender keeps what it wrote")

        // `node show` tells shop-a a request waits for its answer.
        let waiting = { () throws -> Int? in
            try json(try federation.mibarai(["node", "show", "--data-dir", dir.path("shop-a"), "--json"]))["contact_requests_waiting"] as? Int
        }
        #expect(try waiting() == 1)

        // shop-a shares; a second answer is refused.
        try federation.mibarai(["contact", "answer", request, "--share", "--data-dir", dir.path("shop-a"), "--message", "一緒に相談しましょう"])
        #expect(try waiting() == 0)
        let again = try CommandRunner.mibarai(["contact", "answer", request, "--decline", "--data-dir", dir.path("shop-a")])
        #expect(again.status == 64, "\(again.stderr)")

        var answer: [String: Any] = [:]
        #expect(try federation.eventually {
            answer = try contacts("shop-b").first { $0["kind"] as? String == "contact_answer" } ?? [:]
            return !answer.isEmpty
        }, "the answer never reached shop-b")
        #expect(answer["in_reply_to"] as? String == request && answer["answer"] as? String == "shares")
        #expect(answer["contact"] as? String == "06-6000-0000")
        let damage = try #require((answer["damage"] as? [[String: Any]])?.first)
        #expect(damage["amount_yen"] as? Int == 12800 && damage["incident"] as? String == "2026-10-01")
        #expect(damage["steps"] as? [String] == ["inquiry 2026-10-08", "reminder 2026-10-15"])

        // The joint summary: both shops, both amounts, the total, the ladder; no customer value.
        let joint = try federation.mibarai(["case", "evidence", "\(caseB)", "--joint", "--format", "markdown", "--data-dir", dir.path("shop-b")]).stdout
        #expect(joint.contains("神戸珈琲店 (当店)") && joint.contains("大阪雑貨店") && joint.contains("06-6000-0000"), "\(joint)")
        #expect(joint.contains("¥9,800") && joint.contains("¥12,800") && joint.contains("被害額の合計: ¥22,600"), "\(joint)")
        #expect(joint.contains("店舗数: 2"))
        for value in [person.phone!, "09012345678", person.name!] {
            #expect(!joint.contains(value))
            for server in [trio.hub, trio.a, trio.b] {
                #expect(!server.stdout.contains(value) && !server.stderr.contains(value), "a customer value in a node's log")
            }
        }
        // Without answers the summary has this shop alone.
        let alone = try federation.mibarai(["case", "evidence", "\(caseA)", "--joint", "--format", "markdown", "--data-dir", dir.path("shop-a")]).stdout
        #expect(alone.contains("店舗数: 1") && !alone.contains("神戸珈琲店"))
    }
}
