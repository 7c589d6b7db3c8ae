import Foundation
import MibaraiTestSupport
import Testing

/// Signs in to a running node's web page as a browser would (the sign-in page's cookie and CSRF
/// token, then the password), for tests that read pages without a browser.
struct WebSignIn {
    let port: Int
    /// `mibarai_session=…`, to send as `Cookie`.
    let cookie: String

    init(port: Int, password: String) throws {
        self.port = port
        let login = try HTTPTestClient.request("GET", port: port, path: "/login")
        let anonymous = try #require(login.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let csrf = try #require(login.text.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)?.1)
        let signed = try HTTPTestClient.request("POST", port: port, path: "/login",
                                                headers: ["Cookie": anonymous, "Content-Type": "application/x-www-form-urlencoded"],
                                                body: Data("csrf=\(csrf)&password=\(password)".utf8))
        #expect(signed.status == 303 && signed.headers["location"] == "/", "sign-in: \(signed.status)")
        cookie = try #require(signed.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
    }

    /// A page's HTML.
    func get(_ path: String) throws -> HTTPTestClient.Response {
        try HTTPTestClient.request("GET", port: port, path: path, headers: ["Cookie": cookie])
    }

    /// Posts a form as the page at `formPage` would (with its CSRF token).
    func post(_ path: String, from formPage: String, _ fields: [(String, String)]) throws -> HTTPTestClient.Response {
        let page = try get(formPage).text
        let csrf = try #require(page.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)?.1)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = ([("csrf", String(csrf))] + fields)
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try HTTPTestClient.request("POST", port: port, path: path,
                                          headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"], body: Data(body.utf8))
    }
}
