import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// A person's 開示・訂正・利用停止 request between real processes: the operator finds shop-a's
/// report of them through the hub, asks shop-a to review it, shop-a corrects the phone and answers,
/// the operator sees the answer and prints the letter; a second request left unanswered past its
/// deadline makes shop-b's check take the record as disputed. The person's values appear in no
/// operator entry, no file handed to the nodes, no node log and no request.
@Suite("Data-subject requests between real processes", .serialized)
struct SubjectRequestTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }
    let person = Fixtures.canary

    /// Every spelling of the person's values a leak could take.
    var secrets: [String] {
        [person.name!, "見本カナリア太郎", person.nameKana!, "ミホンカナリアタロウ", person.address!, "カナリアハイツ",
         person.phone!, "09012345678", "+819012345678", person.email!]
    }

    func json(_ r: CommandResult) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any] ?? [:]
    }

    func lines(_ r: CommandResult) -> [[String: Any]] {
        r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// `check` at shop-b of an order by the person (name and address), on `day`, as JSON.
    func check(on day: LocalDate = Fixtures.today) throws -> [String: Any] {
        let r = try CommandRunner.mibarai([
            "check", "--data-dir", dir.path("shop-b"), "--name", person.name!, "--postal-code", person.postalCode!,
            "--address", person.address!, "--json",
        ], environment: ["MIBARAI_TODAY": day.description])
        #expect(r.status == 0, "\(r.stderr)")
        return try json(r)
    }

    func rules(_ json: [String: Any]) -> [String] {
        (json["reasons"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }

    /// `federation subject-request` from the person's details on stdin (as the operator would take them).
    func request(_ kind: String, _ output: String, extra: [String] = []) throws -> CommandResult {
        let identity = try JSONSerialization.data(withJSONObject: [
            "name": person.name!, "name_kana": person.nameKana!, "postal_code": person.postalCode!, "address": person.address!,
            "phone": person.phone!, "email": person.email!,
        ])
        let r = try CommandRunner.mibarai(["federation", "subject-request", "--stdin", "--operator-dir", dir.path("op"),
                                           "--hub-data-dir", dir.path("hub"), "--kind", kind, "--output", dir.path(output), "--json"] + extra,
                                          stdin: identity)
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    @Test func aCorrectionIsAnsweredAndAnUnansweredRequestMakesTheRecordDisputed() throws {
        let trio = try federation.startHubAndTwoShops()
        defer { trio.stop() }
        let (hub, a, b) = (trio.hub, trio.a, trio.b)

        // shop-a reports the person, who never paid.
        let added = try federation.mibarai([
            "report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
            "--name", person.name!, "--postal-code", person.postalCode!, "--address", person.address!, "--phone", person.phone!,
            "--incident-date", "2026-10-01", "--json",
        ])
        let reportID = try #require(try json(added)["id"] as? String)
        #expect(try federation.eventually { rules(try check()).contains { $0.hasPrefix("federation_") } }, "shop-b never saw the report")
        #expect(!rules(try check()).contains("federation_disputed"))

        // The person asks for a correction; the operator finds the record through the hub.
        let first = try request("correction", "req1.json", extra: ["--correction", "電話番号が違います"])
        let out1 = try json(first)
        let request1 = try #require(out1["request"] as? String)
        let records1 = try #require(out1["records"] as? [[String: Any]])
        #expect(records1.count == 1 && records1.first?["shop"] as? String == "shop-a", "\(out1)")
        #expect(records1.first?["category"] as? String == "non-payment" && records1.first?["amount_yen"] as? Int == 12800)
        try federation.mibarai(["node", "operator-log", dir.path("req1.json"), "--data-dir", dir.path("hub")])

        // shop-a sees it, with its own report.
        let reviews = { try CommandRunner.mibarai(["report", "reviews", "--data-dir", self.dir.path("shop-a"), "--json"]) }
        #expect(try federation.eventually { lines(try reviews()).contains { $0["request"] as? String == request1 } }, "shop-a never saw the request")
        let item = try #require(lines(try reviews()).first { $0["request"] as? String == request1 })
        #expect(item["report"] as? String == reportID && item["kind"] as? String == "correction" && item["answer"] == nil, "\(item)")
        let text = try federation.mibarai(["report", "reviews", "--data-dir", dir.path("shop-a"), "--lang", "ja"])
        #expect(text.stdout.contains("訂正の請求") && text.stdout.contains(reportID), "\(text.stdout)")
        // The web page shows it on the home page and on the report's page, and refuses an early
        // "corrected" there as the command does (nothing recorded).
        let password = "review-page-2026"
        #expect(try CommandRunner.mibarai(["web", "password", "--data-dir", dir.path("shop-a")], stdin: Data("\(password)\n".utf8)).status == 0)
        let web = try WebSignIn(port: a.port, password: password)
        let home = try web.get("/?lang=ja").text
        #expect(home.contains("本人からの請求") && home.contains(reportID), "\(home)")
        let page = try web.post("/reports/\(reportID)/reviews/\(request1)", from: "/reports/\(reportID)?lang=ja", [("answer", "corrected")])
        #expect(page.status == 422 && page.text.contains("class=\"error\"") && page.text.contains("action=\"/reports/\(reportID)/reviews/\(request1)\""),
                "\(page.status) \(page.text)")

        // Answering "corrected" before correcting is refused; after `report update`, it is taken.
        let early = try CommandRunner.mibarai(["report", "review-answer", request1, reportID, "--corrected", "--data-dir", dir.path("shop-a")])
        #expect(early.status != 0)
        let badReason = try CommandRunner.mibarai(["report", "review-answer", request1, reportID, "--keep", "--reason", "090-1111-2222 に確認済み",
                                                   "--data-dir", dir.path("shop-a")])
        #expect(badReason.status != 0 && !badReason.stderr.contains("1111"))
        try federation.mibarai(["report", "update", reportID, "--phone", "080-2468-1357", "--data-dir", dir.path("shop-a")])
        let answered = try federation.mibarai(["report", "review-answer", request1, reportID, "--corrected", "--data-dir", dir.path("shop-a")])

        // The operator sees the answer (from the hub's copy of shop-a's log) and prints the letter.
        let listing = { try CommandRunner.mibarai(["federation", "subject-requests", "--operator-dir", self.dir.path("op"),
                                                   "--hub-data-dir", self.dir.path("hub"), "--json"]) }
        func answer(_ id: String) throws -> String? {
            let line = lines(try listing()).first { $0["request"] as? String == id }
            return (line?["records"] as? [[String: Any]])?.first?["answer"] as? String
        }
        #expect(try federation.eventually { try answer(request1) == "corrected" }, "the answer never reached the hub")
        #expect(lines(try reviews()).first { $0["request"] as? String == request1 }?["answer_signed"] as? Bool == true)
        let letter = try federation.mibarai(["federation", "subject-reply", request1, "--operator-dir", dir.path("op"),
                                             "--hub-data-dir", dir.path("hub")])
        for phrase in ["訂正の請求に対する回答", "shop-a", "未払い", "2026年10月", "¥12,800", "訂正しました", "運営者"] {
            #expect(letter.stdout.contains(phrase), "\(phrase): \(letter.stdout)")
        }

        // A stop-of-use request, found again through the name at the address, with a 1-day deadline,
        // left unanswered: once past it, shop-b's check takes the record as disputed; today it does not.
        let second = try request("stop-use", "req2.json", extra: ["--deadline-days", "1"])
        let request2 = try #require(try json(second)["request"] as? String)
        #expect((try json(second)["records"] as? [[String: Any]])?.count == 1)
        try federation.mibarai(["node", "operator-log", dir.path("req2.json"), "--data-dir", dir.path("hub")])
        // shop-a gets it; its earlier correction does not answer it: "corrected" needs a correction since.
        #expect(try federation.eventually { lines(try reviews()).contains { $0["request"] as? String == request2 } }, "shop-a never saw request 2")
        let stale = try CommandRunner.mibarai(["report", "review-answer", request2, reportID, "--corrected", "--data-dir", dir.path("shop-a")])
        #expect(stale.status != 0 && (stale.stderr.contains("訂正されていません") || stale.stderr.contains("not corrected since")), "\(stale.stderr)")
        let later = Fixtures.today.adding(days: 2)
        #expect(try federation.eventually { rules(try check(on: later)).contains("federation_disputed") }, "the request never made the record disputed at shop-b")
        let overdue = try check(on: later)
        #expect(overdue["decision"] as? String == "pass", "\(overdue)")
        #expect(!rules(try check()).contains("federation_disputed"))
        let late = try CommandRunner.mibarai(["report", "reviews", "--data-dir", dir.path("shop-a"), "--json"],
                                             environment: ["MIBARAI_TODAY": later.description])
        #expect(lines(late).first { $0["request"] as? String == request2 }?["standing"] as? String == "overdue", "\(late.stdout)")
        #expect(try answer(request2) == nil)

        // The person's values are in no operator entry, no file handed to the nodes, no request, no
        // node log and no output of the nodes' commands.
        let opLog = try String(contentsOfFile: dir.path("op/operator-log.txt"), encoding: .utf8)
        let entries = opLog.split(separator: "\n").compactMap { Data(base64Encoded: String($0)) }
        #expect(entries.count >= 5)
        var places: [(String, Data)] = entries.enumerated().map { ("operator entry \($0.offset + 1)", $0.element) }
        for file in ["op/operator-log.txt", "op/issued.jsonl", "op/federation.json", "req1.json", "req2.json"] {
            places.append((file, try Data(contentsOf: URL(fileURLWithPath: dir.path(file)))))
        }
        for (name, out) in [("request 1", first), ("request 2", second), ("answer", answered), ("reviews", text), ("early", early),
                            ("bad reason", badReason)] {
            places.append((name, out.stdoutData + Data(out.stderr.utf8)))
        }
        places.append(("listing", try listing().stdoutData))
        for (name, p) in [("hub", hub), ("shop-a", a), ("shop-b", b)] {
            places.append(("\(name) log", Data((p.stdout + p.stderr).utf8)))
        }
        for (name, data) in places {
            for s in secrets {
                #expect(data.range(of: Data(s.utf8)) == nil, "\(name) holds a value of the person")
            }
        }
        // The operator's own file keeps the request, mode 0600.
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.path("op/subject-requests.jsonl"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let logs = [hub, a, b].map { $0.stdout + $0.stderr }.joined()
        #expect(!logs.lowercased().contains("equivocat") && !logs.contains("invalid_body"))
    }

    /// Refusals exit non-zero and never echo the person's values: an unknown kind, a name without an
    /// address, a hub directory that is no node; and at a shop, an answer to a request it never got.
    @Test func refusalsNameTheProblemNeverTheValues() throws {
        try federation.create()
        try federation.join("shop-a")
        let base = ["federation", "subject-request", "--operator-dir", dir.path("op"), "--hub-data-dir", dir.path("shop-a"),
                    "--output", dir.path("r.json")]
        let kind = try CommandRunner.mibarai(base + ["--kind", "erase", "--phone", person.phone!, "--lang", "en"])
        #expect(kind.status != 0 && kind.stderr.contains("--kind"))
        let noAddress = try CommandRunner.mibarai(base + ["--kind", "disclosure", "--name", person.name!, "--lang", "ja"])
        #expect(noAddress.status != 0 && noAddress.stderr.contains("住所"))
        let noHub = try CommandRunner.mibarai(["federation", "subject-request", "--operator-dir", dir.path("op"), "--hub-data-dir", dir.path("nowhere"),
                                               "--output", dir.path("r.json"), "--kind", "disclosure", "--phone", person.phone!])
        #expect(noHub.status != 0)
        let unknown = try CommandRunner.mibarai(["report", "review-answer", String(repeating: "7a", count: 16), "0123", "--withdrawn",
                                                 "--data-dir", dir.path("shop-a")])
        #expect(unknown.status != 0)
        let two = try CommandRunner.mibarai(["report", "review-answer", String(repeating: "7a", count: 16), "0123", "--withdrawn", "--corrected",
                                             "--data-dir", dir.path("shop-a")])
        #expect(two.status != 0)
        for r in [kind, noAddress, noHub, unknown, two] {
            for s in secrets { #expect(!r.stderr.contains(s) && !r.stdout.contains(s)) }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("r.json")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("op/subject-requests.jsonl")))
    }
}
