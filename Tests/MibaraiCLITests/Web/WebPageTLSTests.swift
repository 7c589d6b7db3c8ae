import Foundation
import MibaraiTestSupport
import Testing

/// The page beyond loopback: plain HTTP keeps it off (and says why), HTTPS with the shop's own
/// certificate turns it on, with a `Secure` cookie and the certificate's names as the only Host
/// names besides loopback's. curl is the client (a real TLS stack).
@Suite("Web page over HTTPS")
struct WebPageTLSTests {
    let dir = TemporaryDirectory("mibarai-web-tls")
    static let curl = URL(fileURLWithPath: "/usr/bin/curl")
    static let openssl = URL(fileURLWithPath: "/usr/bin/openssl")

    func makeNode() throws -> String {
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        #expect(try CommandRunner.mibarai(["web", "password", "--data-dir", node], stdin: Data("kanto-tls-2026\n".utf8)).status == 0)
        return node
    }

    @Test func plainHTTPBeyondLoopbackKeepsThePageOff() throws {
        let node = try makeNode()
        let server = try ServerProcess(["--data-dir", node, "--no-federation", "--api-host", "0.0.0.0"])
        defer { _ = server.stop() }
        let said = server.stdout + server.stderr
        #expect(said.contains("ウェブページは開きません") || said.contains("the web page is off"), "\(said)")
        #expect(!server.stdout.contains("web page on"))
        // Every path is the API's again: no page, no sign-in, a token needed.
        #expect(try HTTPTestClient.request("GET", port: server.port, path: "/login").status == 401)
    }

    @Test func httpsServesThePageWithASecureCookieUnderTheCertificatesNames() throws {
        let node = try makeNode()
        let (cert, key) = (dir.path("shop.pem"), dir.path("shop.key"))
        let made = try CommandRunner.run(Self.openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
            "-subj", "/CN=shop.example", "-addext", "subjectAltName=DNS:shop.example,IP:127.0.0.1",
            "-keyout", key, "-out", cert,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let server = try ServerProcess(["--data-dir", node, "--no-federation", "--api-tls-cert", cert, "--api-tls-key", key])
        defer { _ = server.stop() }
        #expect(server.stdout.contains("web page on https://127.0.0.1:\(server.port)/"), "\(server.stdout)")
        let port = server.port
        func curl(_ host: String, _ path: String, _ extra: [String] = []) throws -> CommandResult {
            try CommandRunner.run(Self.curl, ["-s", "-i", "--cacert", cert, "--resolve", "\(host):\(port):127.0.0.1",
                                              "https://\(host):\(port)\(path)"] + extra)
        }
        let login = try curl("shop.example", "/login")
        #expect(login.status == 0 && login.stdout.hasPrefix("HTTP/1.1 200"), "\(login.stdout.prefix(300)) \(login.stderr)")
        #expect(login.stdout.contains("mibarai_session=") && login.stdout.contains("HttpOnly; SameSite=Strict; Secure"), "\(login.stdout.prefix(600))")
        // A name the certificate is not for: refused even though TLS accepted it (-k).
        let other = try CommandRunner.run(Self.curl, ["-s", "-i", "-k", "-H", "Host: rebind.example:\(port)", "https://127.0.0.1:\(port)/login"])
        #expect(other.stdout.hasPrefix("HTTP/1.1 421"), "\(other.stdout.prefix(200))")
        // The API answers over HTTPS with its token; plain HTTP on the port gets no answer.
        let token = try String(contentsOfFile: dir.path("node/api-token"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let screened = try curl("shop.example", "/v1/screen", ["-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                                                               "--data", #"{"billing": {"phone": "080-2468-1357"}}"#])
        #expect(screened.stdout.hasPrefix("HTTP/1.1 200") && screened.stdout.contains("\"decision\""), "\(screened.stdout.prefix(300))")
        let plain = try? HTTPTestClient.request("GET", port: port, path: "/login")
        #expect(plain == nil || plain!.status != 200)
    }
}
