import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The operator suppresses an impersonation victim's details, between real processes: a report
/// made at shop-a with the victim's phone stops holding the victim's own orders at shop-b (shown as
/// "なりすまし被害の届出あり" instead), and counts again once the suppression is lifted. The
/// victim's values appear in no log entry, file, node log or command output but the check's own.
@Suite("Impersonation suppressions between real processes", .serialized)
struct ImpersonationSuppressionTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }
    let victim = Fixtures.canary

    /// Every spelling of the victim's values a leak could take.
    var secrets: [String] {
        [victim.name!, "見本カナリア太郎", victim.nameKana!, "ミホンカナリアタロウ", victim.address!, "カナリアハイツ",
         victim.phone!, "09012345678", "+819012345678", victim.email!]
    }

    /// `check` at shop-b of the victim's own order (their name, phone and address), as JSON.
    func check() throws -> [String: Any] {
        let r = try CommandRunner.mibarai([
            "check", "--data-dir", dir.path("shop-b"), "--name", victim.name!, "--phone", victim.phone!,
            "--postal-code", victim.postalCode!, "--address", victim.address!, "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any] ?? [:]
    }

    func rules(_ json: [String: Any]) -> [String] {
        (json["reasons"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }

    @Test func aSuppressedPhoneStopsHoldingTheVictimsOrdersUntilLifted() throws {
        let trio = try federation.startHubAndTwoShops()
        defer { trio.stop() }
        let (hub, a, b) = (trio.hub, trio.a, trio.b)

        // Someone ordered at shop-a with the victim's phone, under another name and address, and
        // never paid.
        try federation.mibarai([
            "report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
            "--name", "偽名 一郎", "--postal-code", "530-0001", "--address", "大阪府大阪市北区梅田1-1-1", "--phone", victim.phone!,
            "--incident-date", "2026-10-01",
        ])
        #expect(try federation.eventually { try check()["decision"] as? String != "pass" }, "shop-b never saw the report")
        let before = try check()
        #expect(rules(before).contains("federation_probable"), "\(before)")
        #expect(before["decision"] as? String == "review")

        // The operator verified the victim: their phone and their name at their address.
        let identity = try JSONSerialization.data(withJSONObject: [
            "name": victim.name!, "postal_code": victim.postalCode!, "address": victim.address!, "phone": victim.phone!,
        ])
        let suppressed = try CommandRunner.mibarai(["federation", "suppress", "--stdin", "--operator-dir", dir.path("op"),
                                                    "--output", dir.path("suppress.json"), "--json"], stdin: identity)
        #expect(suppressed.status == 0, "\(suppressed.stderr)")
        let sid = try #require((try JSONSerialization.jsonObject(with: suppressed.stdoutData) as? [String: Any])?["suppression"] as? String)
        #expect(sid.count == 32)
        let imported = try federation.mibarai(["node", "operator-log", dir.path("suppress.json"), "--data-dir", dir.path("hub"), "--json"])
        #expect((try JSONSerialization.jsonObject(with: imported.stdoutData) as? [String: Any])?["suppressions_in_force"] as? Int == 1,
                "\(imported.stdout)")

        // Within a few gossip rounds shop-b's check of the victim's order passes, with the note.
        #expect(try federation.eventually { try check()["decision"] as? String == "pass" }, "the suppression never reached shop-b")
        let after = try check()
        #expect(rules(after).contains("federation_impersonation") && !rules(after).contains("federation_probable"), "\(after)")
        #expect(after["impersonation_victim_matches"] as? Int == 1)
        #expect((after["reasons"] as? [[String: Any]])?.first { $0["rule"] as? String == "federation_impersonation" }?["weight"] as? Int == 0)
        let text = try federation.mibarai(["check", "--data-dir", dir.path("shop-b"), "--name", victim.name!, "--phone", victim.phone!,
                                           "--postal-code", victim.postalCode!, "--address", victim.address!])
        #expect(text.stdout.contains("なりすまし被害の届出あり") || text.stdout.contains("reported impersonation victim"), "\(text.stdout)")
        // The web page tells the same: passed, with the note, the match not counted.
        let password = "victim-note-2026"
        #expect(try CommandRunner.mibarai(["web", "password", "--data-dir", dir.path("shop-b")], stdin: Data("\(password)\n".utf8)).status == 0)
        let web = try WebSignIn(port: b.port, password: password)
        let page = try web.post("/check", from: "/check?lang=ja", [("name", victim.name!), ("phone", victim.phone!), ("address", victim.address!)]).text
        #expect(page.contains("id=\"decision\">通過<") && page.contains("なりすまし被害の届出あり") && page.contains("一致 (数えない)"), "\(page)")
        let show = try federation.mibarai(["node", "show", "--data-dir", dir.path("shop-b"), "--json"])
        #expect((try JSONSerialization.jsonObject(with: show.stdoutData) as? [String: Any])?["suppressions_in_force"] as? Int == 1)

        // Lifted: the report counts again.
        let lifted = try federation.mibarai(["federation", "lift", sid, "--operator-dir", dir.path("op"), "--output", dir.path("lift.json")])
        try federation.mibarai(["node", "operator-log", dir.path("lift.json"), "--data-dir", dir.path("hub")])
        #expect(try federation.eventually { try check()["decision"] as? String == "review" }, "the lift never reached shop-b")
        #expect(!rules(try check()).contains("federation_impersonation"))
        // A second lift of it is refused, naming the id only.
        let again = try CommandRunner.mibarai(["federation", "lift", sid, "--operator-dir", dir.path("op"), "--output", dir.path("lift2.json")])
        #expect(again.status != 0 && again.stderr.contains(sid))

        // The victim's values are nowhere but in the check's own display: not in the operator's
        // log (each entry decoded), its files, the files handed to the nodes, the node logs or the
        // other commands' output.
        let opLog = try String(contentsOfFile: dir.path("op/operator-log.txt"), encoding: .utf8)
        let entries = opLog.split(separator: "\n").compactMap { Data(base64Encoded: String($0)) }
        #expect(entries.count >= 5)
        var places: [(String, Data)] = entries.enumerated().map { ("operator entry \($0.offset + 1)", $0.element) }
        for file in ["op/operator-log.txt", "op/issued.jsonl", "op/federation.json", "suppress.json", "lift.json"] {
            places.append((file, try Data(contentsOf: URL(fileURLWithPath: dir.path(file)))))
        }
        for (name, out) in [("suppress", suppressed), ("lift", lifted), ("import", imported), ("lift again", again)] {
            places.append((name, out.stdoutData + Data(out.stderr.utf8)))
        }
        for (name, p) in [("hub", hub), ("shop-a", a), ("shop-b", b)] {
            places.append(("\(name) log", Data((p.stdout + p.stderr).utf8)))
        }
        for (name, data) in places {
            for s in secrets {
                #expect(data.range(of: Data(s.utf8)) == nil, "\(name) holds a value of the victim")
            }
        }
        let logs = [hub, a, b].map { $0.stdout + $0.stderr }.joined()
        #expect(!logs.lowercased().contains("equivocat") && !logs.contains("invalid_body"))
    }

    /// Refusals of `federation suppress` name the field, never the value, and exit non-zero.
    @Test func unusableDetailsAreRefusedWithoutEchoingThem() throws {
        try federation.create()
        try federation.join("shop-a")
        let noAddress = try CommandRunner.mibarai(["federation", "suppress", "--operator-dir", dir.path("op"), "--name", victim.name!,
                                                   "--output", dir.path("s.json"), "--lang", "ja"])
        #expect(noAddress.status != 0 && noAddress.stderr.contains("住所"))
        let badPhone = try CommandRunner.mibarai(["federation", "suppress", "--operator-dir", dir.path("op"), "--phone", "080-2468-13",
                                                  "--output", dir.path("s.json"), "--lang", "en"])
        #expect(badPhone.status != 0 && badPhone.stderr.contains("phone"))
        #expect(!badPhone.stderr.contains("2468"))
        let nothing = try CommandRunner.mibarai(["federation", "suppress", "--operator-dir", dir.path("op"), "--output", dir.path("s.json")])
        #expect(nothing.status != 0)
        for r in [noAddress, badPhone, nothing] {
            for s in secrets { #expect(!r.stderr.contains(s) && !r.stdout.contains(s)) }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("s.json")))
    }
}
