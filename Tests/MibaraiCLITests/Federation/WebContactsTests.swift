import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// Contact requests from the shop owner's web page, between real processes: shop-b checks an order
/// on its page, follows the match's link to ask shop-a to get in touch; shop-a's home page says a
/// request waits, and it answers on its contacts page; shop-b's page shows the answer with the
/// damage, and the case page's joint summary holds both shops.
@Suite("Web page: contacts between shops", .serialized)
struct WebContactsTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }
    let password = "contacts-owner-2026"
    let person = Fixtures.canary

    func setShop(_ node: String, name: String, phone: String) throws {
        let config = URL(fileURLWithPath: dir.path(node)).appendingPathComponent("mibarai.toml")
        let text = try String(contentsOf: config, encoding: .utf8) + "\n[shop]\nname = \"\(name)\"\nphone = \"\(phone)\"\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
    }

    @Test func aRequestAndItsAnswerThroughThePages() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        for (shop, name, phone) in [("shop-a", "大阪雑貨店", "06-6000-0000"), ("shop-b", "神戸珈琲店", "078-300-0000")] {
            try federation.join(shop)
            try setShop(shop, name: name, phone: phone)
            let set = try CommandRunner.mibarai(["web", "password", "--data-dir", dir.path(shop)], stdin: Data("\(password)\n".utf8))
            #expect(set.status == 0, "\(set.stderr)")
        }
        let (hub, hubPort) = try federation.start("hub")
        defer { hub.stop() }
        let (a, _) = try federation.start("shop-a", peers: ["hub@127.0.0.1:\(hubPort)"])
        defer { a.stop() }
        let (b, _) = try federation.start("shop-b", peers: ["hub@127.0.0.1:\(hubPort)"])
        defer { b.stop() }
        try federation.mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
                                "--phone", person.phone!, "--incident-date", "2026-10-01"])
        let opened = try JSONSerialization.jsonObject(with: try federation.mibarai([
            "case", "open", "--data-dir", dir.path("shop-b"), "--amount", "9800", "--phone", person.phone!, "--json",
        ]).stdoutData) as? [String: Any]
        let caseB = try #require(opened?["number"] as? Int)

        // shop-b checks the order on its page: the match offers a contact request.
        let webB = try WebSignIn(port: b.port, password: password)
        var link = ""
        #expect(try federation.eventually {
            let result = try webB.post("/check", from: "/check", [("phone", person.phone!)]).text
            link = result.firstMatch(of: /href="(\/contacts\?report=[0-9a-f]{32})"/).map { String($0.1) } ?? ""
            return !link.isEmpty
        }, "shop-b's check never offered a contact request")
        let form = try webB.get(link).text
        let publication = String(link.dropFirst("/contacts?report=".count))
        #expect(form.contains("value=\"\(publication)\""), "the form holds the record's id")
        let refused = try webB.post("/contacts", from: link, [("report", publication), ("text", "mail: \(person.email!)")])
        #expect(refused.status == 422 && refused.text.contains("メールアドレス"))
        let badCase = try webB.post("/contacts", from: link, [("report", publication), ("case", "三"), ("text", "")])
        #expect(badCase.status == 422 && badCase.text.contains("正の整数"), "a case number that is no number is named and refused")
        let sent = try webB.post("/contacts", from: link, [("report", publication), ("case", "\(caseB)"), ("text", "ご連絡ください")])
        #expect(sent.status == 303 && sent.headers["location"] == "/contacts?done=contactSent",
                "\(sent.status): \(sent.text.firstMatch(of: /role="alert">([^<]*)</).map { String($0.1) } ?? "")")

        // shop-a: its home page says a request waits; it answers on the contacts page.
        let webA = try WebSignIn(port: a.port, password: password)
        var action = ""
        #expect(try federation.eventually {
            let home = try webA.get("/?lang=ja").text
            guard home.contains("id=\"contacts-waiting\"") else { return false }
            action = try webA.get("/contacts").text.firstMatch(of: /action="(\/contacts\/[0-9a-f]{64}\/[0-9a-f]{32}\/answer)"/).map { String($0.1) } ?? ""
            return !action.isEmpty
        }, "the request never reached shop-a's page")
        let page = try webA.get("/contacts?lang=ja").text
        #expect(page.contains("神戸珈琲店") && page.contains("078-300-0000") && page.contains("ご連絡ください"))
        let unchosen = try webA.post(action, from: "/contacts", [("answer", ""), ("text", "")])
        #expect(unchosen.status == 422, "no answer is chosen for the owner")
        let answered = try webA.post(action, from: "/contacts", [("answer", "shares"), ("text", "")])
        #expect(answered.status == 303)
        #expect(!(try webA.get("/").text.contains("id=\"contacts-waiting\"")))

        // shop-b sees the answer with shop-a's damage, and the joint summary holds both shops.
        #expect(try federation.eventually {
            let page = try webB.get("/contacts?lang=ja").text
            return page.contains("大阪雑貨店") && page.contains("06-6000-0000") && page.contains("¥12,800")
        }, "the answer never reached shop-b's page")
        let joint = try webB.get("/cases/\(caseB)/joint.md")
        #expect(joint.status == 200 && joint.text.contains("大阪雑貨店") && joint.text.contains("被害額の合計: ¥22,600"), "\(joint.text)")
        #expect(!joint.text.contains(person.phone!))
    }
}
