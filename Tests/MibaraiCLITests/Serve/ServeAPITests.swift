import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The local screening API through a real `mibarai serve` process on a loopback port.
@Suite("Screening API (mibarai serve)")
struct ServeAPITests {
    let dir = TemporaryDirectory("mibarai-serve")
    var node: String { dir.path("node") }

    func prepareNode() throws -> String {
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let c = Fixtures.canary
        #expect(try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "unpaid", "--amount", "9800",
                                           "--phone", c.phone!, "--email", c.email!, "--incident-date", "2026-10-01"]).status == 0)
        let tokenFile = URL(fileURLWithPath: node).appendingPathComponent("api-token")
        let attributes = try FileManager.default.attributesOfItem(atPath: tokenFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the token is readable by its owner only")
        return try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func post(_ server: ServerProcess, token: String?, _ body: String) throws -> HTTPTestClient.Response {
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        return try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen", headers: headers, body: Data(body.utf8))
    }

    static let canaryOrder = """
    {"reference": "API-1", "placed_at": "2026-11-21T10:00:00+09:00", "payment": "NP後払い",
     "billing": {"name": "見本 カナリア太郎", "phone": "090-1234-5678", "email": "canary.mihon@docomo.ne.jp",
                 "postal_code": "135-0045", "address": "東京都江東区古石場2-29-16 カナリアハイツ1203号室"},
     "items": [{"sku": "KETTLE-1", "quantity": 1, "unit_price_yen": 12800}]}
    """

    @Test func authenticationBadJSONAndAGoodOrder() throws {
        let token = try prepareNode()
        let server = try ServerProcess(["--data-dir", node])
        #expect(server.url.hasPrefix("http://127.0.0.1:"), "loopback by default")

        let anonymous = try post(server, token: nil, Self.canaryOrder)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        let wrong = try post(server, token: String(token.reversed()), Self.canaryOrder)
        #expect(wrong.status == 401)
        let unauthorized = try #require(try wrong.json()["error"] as? [String: String])
        #expect(unauthorized["code"] == "unauthorized" && unauthorized["ja"]?.contains("認証") == true && unauthorized["en"]?.contains("authentication") == true)

        let broken = try post(server, token: token, "{\"billing\": {\"phone\": ")
        #expect(broken.status == 400)
        let error = try #require(try broken.json()["error"] as? [String: String])
        #expect(error["code"] == "bad_request")
        #expect(error["ja"]?.contains("JSON") == true && error["en"]?.contains("JSON") == true && error["ja"] != error["en"])
        let missing = try post(server, token: token, "{\"reference\": \"X\"}")
        #expect(missing.status == 400)
        #expect((try missing.json()["error"] as? [String: String])?["en"]?.contains("billing") == true)
        let wrongType = try post(server, token: token, "{\"billing\": {\"phone\": 9012345678}}")
        #expect(wrongType.status == 400)
        #expect((try wrongType.json()["error"] as? [String: String])?["en"]?.contains("billing.phone") == true)
        #expect(!wrongType.text.contains("9012345678"), "errors never quote a value")

        // As strict as the schema: `null` is no value of any field; a basket line's quantity defaults to 1.
        let null = try post(server, token: token, "{\"billing\": {\"phone\": \"080-2468-1357\", \"name\": null}}")
        #expect(null.status == 400 && null.text.contains("billing.name"), "\(null.text)")
        let noQuantity = try post(server, token: token, "{\"billing\": {\"phone\": \"080-2468-1357\"}, \"items\": [{}]}")
        #expect(noQuantity.status == 200 && noQuantity.text.contains("\"checkable\":true"), "\(noQuantity.text)")
        // Schema-valid, nothing to screen: answered, not refused.
        let empty = try post(server, token: token, "{\"billing\": {}}")
        #expect(empty.status == 200 && empty.text.contains("\"checkable\":false") && empty.text.contains("nothing to screen"), "\(empty.text)")
        // A body that says it is not JSON; another method; another path: each with the error body.
        let textPlain = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                               headers: ["Content-Type": "text/plain", "Authorization": "Bearer \(token)"],
                                               body: Data(Self.canaryOrder.utf8))
        #expect(textPlain.status == 415 && textPlain.text.contains("unsupported_media_type"), "\(textPlain.text)")
        for odd in ["", ";", " ; charset=utf-8"] {
            let r = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                               headers: ["Content-Type": odd, "Authorization": "Bearer \(token)"],
                                               body: Data(Self.canaryOrder.utf8))
            #expect(r.status == 415, "Content-Type \"\(odd)\": \(r.status)")
        }
        let delete = try HTTPTestClient.request("DELETE", port: server.port, path: "/v1/screen", headers: ["Authorization": "Bearer \(token)"])
        #expect(delete.status == 405 && delete.headers["allow"] == "POST" && delete.text.contains("method_not_allowed"), "\(delete.status) \(delete.text)")
        let nowhere = try HTTPTestClient.request("GET", port: server.port, path: "/v2/nowhere", headers: ["Authorization": "Bearer \(token)"])
        #expect(nowhere.status == 404 && nowhere.text.contains("not_found"), "\(nowhere.status) \(nowhere.text)")
        // The router reads `//v1/screen` and `/v1//screen` as `/v1/screen`: so do the token check,
        // the body limit and the refusal of null (the web page shares this listener).
        for spelling in ["//v1/screen", "/v1//screen", "/v1/screen/"] {
            let anyone = try HTTPTestClient.request("POST", port: server.port, path: spelling, headers: ["Content-Type": "application/json"],
                                                    body: Data(Self.canaryOrder.utf8))
            #expect(anyone.status == 401, "\(spelling) without the token: \(anyone.status)")
            let huge = try HTTPTestClient.request("POST", port: server.port, path: spelling,
                                                  headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
                                                  body: Data(("{\"reference\": \"" + String(repeating: "x", count: 1 << 21) + "\", \"billing\": {}}").utf8))
            #expect(huge.status == 413, "\(spelling) over 1 MiB: \(huge.status)")
            let nullName = try HTTPTestClient.request("POST", port: server.port, path: spelling,
                                                      headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
                                                      body: Data("{\"billing\": {\"phone\": \"080-2468-1357\", \"name\": null}}".utf8))
            #expect(nullName.status == 400 && nullName.text.contains("billing.name"), "\(spelling) with null: \(nullName.text)")
        }
        // JSON is UTF-8: a body in UTF-16 (whose bytes could hide a null from the scan) is refused.
        let utf16 = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                               headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
                                               body: "{\"billing\": {\"name\": \"小\\\"\", \"phone\": null}}".data(using: .utf16LittleEndian)!)
        #expect(utf16.status == 400, "\(utf16.status) \(utf16.text)")
        // `Accept` is not read: the answer is JSON whatever it asks for.
        let acceptText = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                                    headers: ["Content-Type": "application/json", "Accept": "text/html", "Authorization": "Bearer \(token)"],
                                                    body: Data(Self.canaryOrder.utf8))
        #expect(acceptText.status == 200 && acceptText.headers["content-type"]?.hasPrefix("application/json") == true, "\(acceptText.status)")
        let metrics = try HTTPTestClient.request("GET", port: server.port, path: "/metrics", headers: ["Authorization": "Bearer \(token)"])
        #expect(metrics.status == 200 && metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8",
                "\(metrics.status) \(metrics.headers)")

        let good = try post(server, token: token, Self.canaryOrder)
        #expect(good.status == 200)
        let lowerCase = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                                   headers: ["Content-Type": "application/json", "Authorization": "bearer \(token)"],
                                                   body: Data(Self.canaryOrder.utf8))
        #expect(lowerCase.status == 200, "the scheme's name is case-insensitive")
        #expect(good.headers["content-type"]?.hasPrefix("application/json") == true)
        let result = try good.json()
        #expect(result["reference"] as? String == "API-1")
        #expect(result["decision"] as? String == "hold")
        #expect(result["strongest"] as? String == "strong")
        let reasons = try #require(result["reasons"] as? [[String: Any]])
        #expect(reasons.contains { $0["rule"] as? String == "federation_strong" })
        #expect(reasons.allSatisfy { ($0["ja"] as? String)?.isEmpty == false && ($0["en"] as? String)?.isEmpty == false })
        #expect((result["score"] as? Int ?? 0) == reasons.reduce(0) { $0 + ($1["weight"] as? Int ?? 0) })
        for value in ["090-1234-5678", "+819012345678", "canary.mihon", "カナリア", "古石場"] {
            #expect(!good.text.contains(value), "the answer names rules and fields, never values")
        }

        let plain = try post(server, token: token, """
        {"billing": {"name": "佐藤 花子", "phone": "045-111-2233", "email": "hanako.sato@gmail.com", "address": "神奈川県横浜市西区浅間町2-4-10"}, "payment": "card"}
        """)
        #expect(plain.status == 200)
        #expect(try plain.json()["decision"] as? String == "pass")

        #expect(server.stop() == 0, "SIGTERM stops the server gracefully")
        #expect(server.stdout.contains("stopped"))
        for value in ["090-1234-5678", "canary", "カナリア"] { #expect(!server.stdout.contains(value) && !server.stderr.contains(value)) }
    }

    @Test func configuredTokenFileAndSIGINT() throws {
        _ = try prepareNode()
        let file = dir.path("token")
        try Data("a-configured-token-of-enough-length\n".utf8).write(to: URL(fileURLWithPath: file))
        let server = try ServerProcess(["--data-dir", node, "--api-token-file", file])
        #expect(try post(server, token: "a-configured-token-of-enough-length", Self.canaryOrder).status == 200)
        #expect(kill(server.process.processIdentifier, SIGINT) == 0)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
    }

    @Test func refusesToStartWithoutANode() throws {
        let r = try CommandRunner.mibarai(["serve", "--data-dir", dir.path("none"), "--api-port", "0"])
        #expect(r.status == 66 && r.stderr.contains("エラー") && r.stderr.contains("mibarai init"))
    }
}
