import Foundation
import MibaraiTestSupport
import Testing

/// The web page in a real browser: `Tests/Browser/web_page_test.py` drives Debian's Chromium with
/// Playwright (`scripts/lib/ensure-deps.sh` installs both) against a real `mibarai serve`: sign in
/// (a wrong password refused), record a report, check an order typed differently and see the
/// match, upload a Shift_JIS export and download it annotated in Shift_JIS, open a case, log two
/// events, print and download the letter, withdraw the report; a form without its CSRF token and
/// a foreign Host header refused; every page with labelled fields, fitting a 375-pixel window, in
/// both languages. Screenshots are kept in `.build/test-artifacts/web-page/`.
@Suite("Web page in a real browser")
struct WebPageBrowserTests {
    let dir = TemporaryDirectory("mibarai-web")
    static let password = "tsukimi-dango-2026"

    static var python: URL { ProjectPaths.root.appendingPathComponent(".build/test-tools/venv/bin/python") }
    static var artefacts: URL { ProjectPaths.root.appendingPathComponent(".build/test-artifacts/web-page") }

    /// A node with its shop's details (the letters need them) and the page's password.
    func makeNode() throws -> String {
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node, "--node-id", "shop-web"]).status == 0)
        let config = URL(fileURLWithPath: node).appendingPathComponent("mibarai.toml")
        try (try String(contentsOf: config, encoding: .utf8) + Fixtures.shopSettings).write(to: config, atomically: true, encoding: .utf8)
        let set = try CommandRunner.mibarai(["web", "password", "--data-dir", node], stdin: Data("\(Self.password)\n".utf8))
        #expect(set.status == 0, "\(set.stderr)")
        return node
    }

    @Test func aShopOwnerWorksThroughEveryPage() throws {
        let python = Self.python
        try #require(FileManager.default.isExecutableFile(atPath: python.path), "the test tools are missing: run ./scripts/test.sh, which installs them")
        let node = try makeNode()
        let server = try ServerProcess(["--data-dir", node, "--no-federation"])
        defer { _ = server.stop() }
        #expect(server.stdout.contains("web page on http://127.0.0.1:\(server.port)/"))
        try? FileManager.default.removeItem(at: Self.artefacts)
        let run = try CommandRunner.run(python, [
            ProjectPaths.root.appendingPathComponent("Tests/Browser/web_page_test.py").path,
            "http://127.0.0.1:\(server.port)", Self.password,
            ProjectPaths.root.appendingPathComponent("Tests/Fixtures/orders/eccube_juchu.csv").path, Self.artefacts.path,
        ])
        #expect(run.status == 0, "\(run.stdout.suffix(4000)) \(run.stderr.suffix(6000))")
        #expect(run.stdout.contains("all steps passed"))
        // What the browser did is in the node: the report it recorded is withdrawn, the case has
        // its two events; the forged withdrawal left no trace.
        let reports = try CommandRunner.mibarai(["report", "list", "--data-dir", node, "--json"])
        #expect(reports.stdout.contains("\"withdrawn\"") && !reports.stdout.contains("forged"), "\(reports.stdout)")
        let shown = try CommandRunner.mibarai(["case", "show", "1", "--data-dir", node, "--json"])
        #expect(shown.status == 0 && shown.stdout.contains("mail-sent") && shown.stdout.contains("payment"), "\(shown.stdout)")
        // Nothing the owner typed reaches the node's log, nor the password.
        let log = server.stdout + server.stderr
        for secret in [Self.password, "080-2468-1357", "見本", "古石場"] { #expect(!log.contains(secret), "\(secret) in the log") }
        for page in ["login", "check", "csv", "case", "letter", "home-ja-375", "reports-en-375"] {
            #expect(FileManager.default.fileExists(atPath: Self.artefacts.appendingPathComponent("\(page).png").path), "\(page).png")
        }
    }

    /// Without a browser: the sign-in is throttled after five wrong passwords (a right one is then
    /// refused too, until the window passes), and the API's paths still need the bearer token.
    @Test func signInIsThrottledAndTheAPIKeepsItsToken() throws {
        let node = try makeNode()
        let server = try ServerProcess(["--data-dir", node, "--no-federation"])
        defer { _ = server.stop() }
        let login = try HTTPTestClient.request("GET", port: server.port, path: "/login")
        #expect(login.status == 200)
        let cookie = try #require(login.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let csrf = try #require(login.text.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)?.1)
        func attempt(_ password: String) throws -> HTTPTestClient.Response {
            try HTTPTestClient.request("POST", port: server.port, path: "/login",
                                       headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
                                       body: Data("csrf=\(csrf)&password=\(password)".utf8))
        }
        for _ in 0..<5 { #expect(try attempt("wrong-password").status == 401) }
        let throttled = try attempt(Self.password)
        #expect(throttled.status == 429 && throttled.text.contains("秒後にもう一度"), "\(throttled.status)")
        // The API is not the page's: no token, no answer, whatever the page's session.
        let api = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                             headers: ["Cookie": cookie, "Content-Type": "application/json"], body: Data("{}".utf8))
        #expect(api.status == 401)
        let metrics = try HTTPTestClient.request("GET", port: server.port, path: "/metrics", headers: ["Cookie": cookie])
        #expect(metrics.status == 401)
    }
}
