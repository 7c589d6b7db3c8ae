import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The same order through the three faces that take one — `check`'s flags, a CSV row and
/// `POST /v1/screen` of a running `serve` — gets the same answer: screened by all, or not screened
/// by any, for the same reason, with the server still answering afterwards. The API answers an
/// order whose values cannot be screened 200 with `checkable: false` (as the CSV row), and a body
/// out of its schema's bounds 400.
@Suite("One order, three faces")
struct OrderFacesTests {
    let dir = TemporaryDirectory("mibarai-faces")
    var node: String { dir.path("node") }

    /// A case: `check` flags beyond the phone, a CSV row's extra cells, the API body's extra keys.
    struct Case: Sendable {
        var name: String
        var flags: [String]
        /// placed_at, payment, quantity, unit price (CSV columns).
        var csv: (String, String, String, String)
        var json: String
        /// The words of the shared reason (English), or nil when the order is screened.
        var refusal: String?
        /// The API's status for it: 200, or 400 for a value out of the schema's bounds.
        var apiStatus = 200
    }

    static let cases: [Case] = [
        Case(name: "a good order", flags: ["--placed-at", "2026-11-20 10:15", "--payment", "card", "--item", "A:2:1000"],
             csv: ("2026-11-20 10:15", "card", "2", "1000"),
             json: #""placed_at": "2026-11-20 10:15", "payment": "card", "items": [{"sku": "A", "quantity": 2, "unit_price_yen": 1000}]"#,
             refusal: nil),
        Case(name: "an unreadable time", flags: ["--placed-at", "someday"], csv: ("someday", "", "", ""),
             json: #""placed_at": "someday""#, refusal: "order time"),
        Case(name: "a mistyped payment", flags: ["--payment", "postpy"], csv: ("", "postpy", "", ""),
             json: #""payment": "postpy""#, refusal: "payment method"),
        Case(name: "a negative price", flags: ["--item", "A:1:-5"], csv: ("", "", "1", "-5"),
             json: #""items": [{"sku": "A", "quantity": 1, "unit_price_yen": -5}]"#, refusal: "unit price of item 1", apiStatus: 400),
        Case(name: "a quantity past the limit", flags: ["--item", "A:9223372036854775807"], csv: ("", "", "9223372036854775807", ""),
             json: #""items": [{"sku": "A", "quantity": 9223372036854775807}]"#, refusal: "quantity of item 1", apiStatus: 400),
    ]

    @Test func everyFaceAnswersAlike() throws {
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let phone = "080-2468-1357"
        // The CSV: one order a case, in the order of `cases`.
        var text = "order,phone,placed_at,payment,quantity,price\n"
        for (i, c) in Self.cases.enumerated() { text += "F-\(i),\(phone),\(c.csv.0),\(c.csv.1),\(c.csv.2),\(c.csv.3)\n" }
        let csv = dir.path("orders.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let rows = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", csv, "--json", "--lang", "en"])
        #expect(rows.status == 0)
        let lines = try rows.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(lines.count == Self.cases.count)

        let token = try String(contentsOf: URL(fileURLWithPath: node).appendingPathComponent("api-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(["--data-dir", node, "--no-federation"])
        for (i, c) in Self.cases.enumerated() {
            let flags = try CommandRunner.mibarai(["check", "--data-dir", node, "--phone", phone, "--lang", "en"] + c.flags)
            let body = #"{"billing": {"phone": "\#(phone)"}, \#(c.json)}"#
            let api = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                                 headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                                                 body: Data(body.utf8))
            let row: [String: Any] = i < lines.count ? lines[i] : [:]
            if let reason = c.refusal {
                #expect(flags.status == 65, "\(c.name): check refuses it")
                #expect(flags.stderr.contains(reason), "\(c.name): \(flags.stderr)")
                #expect(api.status == c.apiStatus, "\(c.name): \(api.status) \(api.text)")
                #expect(api.text.contains(reason), "\(c.name): \(api.text)")
                if c.apiStatus == 200 {
                    #expect(api.text.contains("\"checkable\":false") && !api.text.contains("\"decision\""), "\(c.name): \(api.text)")
                }
                #expect((row["error"] as? [String: String])?["en"]?.contains(reason) == true,
                        "\(c.name): the CSV row is refused for the same reason: \(row)")
            } else {
                #expect(flags.status == 0, "\(c.name): \(flags.stderr)")
                #expect(api.status == 200, "\(c.name): \(api.text)")
                #expect(row["decision"] as? String != nil, "\(c.name): \(row)")
            }
        }
        // Nothing above took the server down.
        let after = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                               headers: ["Authorization": "Bearer \(token)"], body: Data(#"{"billing": {"phone": "\#(phone)"}}"#.utf8))
        #expect(after.status == 200)
        #expect(server.stop() == 0)
    }
}
