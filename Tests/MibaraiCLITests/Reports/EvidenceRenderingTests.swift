import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The evidence file opened in a real browser: headless Chromium reads the HTML `mibarai case
/// evidence` wrote, builds its DOM, and prints it to PDF with a Japanese font. `scripts/test.sh`
/// installs Chromium, poppler-utils and the IPA fonts; under CI (`CI` set) their absence fails.
@Suite("Evidence file in a browser")
struct EvidenceRenderingTests {
    static func tool(_ name: String) -> URL? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static let browser = tool("chromium") ?? tool("chromium-browser")
    static let required = ProcessInfo.processInfo.environment["CI"] != nil

    let dir = TemporaryDirectory("mibarai-evidence")

    func mibarai(_ args: [String]) throws -> CommandResult {
        let r = try CommandRunner.mibarai(args + ["--data-dir", dir.path("node")])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return r
    }

    func chromium(_ args: [String]) throws -> CommandResult {
        let browser = try #require(Self.browser, "chromium is not installed")
        // A private profile directory, no sandbox (tests may run as root), no GPU.
        return try CommandRunner.run(
            browser,
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(dir.path("profile"))"] + args
        )
    }

    @Test(
        "prints with every timeline row, escaped notes and a Japanese font",
        .enabled(if: browser != nil || required, "chromium is not installed (scripts/test.sh installs it)")
    )
    func rendersInHeadlessChromium() throws {
        _ = try mibarai(["init", "--node-id", "shop-evidence"])
        let config = dir.path("node/mibarai.toml")
        try (try String(contentsOfFile: config, encoding: .utf8) + "\n[shop]\nname = \"まるやま珈琲\"\naddress = \"東京都千代田区千代田1-1\"\nphone = \"03-1234-5678\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let c = Fixtures.canary
        _ = try mibarai([
            "case", "open", "--amount", "12800", "--order-ref", "A-1001", "--order-date", "2026-10-01", "--ship-date", "2026-10-02",
            "--tracking", "1234-5678-9012", "--opened-on", "2026-10-18", "--name", c.name!, "--address", c.address!, "--phone", c.phone!,
        ])
        let notes = ["<script>document.title='x'</script>", "留守番電話に伝言", "入金予定日を確認"]
        for (i, note) in notes.enumerated() {
            _ = try mibarai(["case", "log", "1", "--kind", "mail-sent", "--date", "2026-11-0\(1 + i * 3)", "--note", note])
        }
        _ = try mibarai(["case", "evidence", "1", "--output", dir.path("evidence.html")])
        let url = URL(fileURLWithPath: dir.path("evidence.html")).absoluteString

        // The DOM the browser built: one body row per event, the note as text, no script element.
        let dom = try chromium(["--dump-dom", url])
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("<title>未払い代金に関する経緯書 (時系列)</title>"))
        let body = try #require(dom.stdout.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first)
        #expect(body.components(separatedBy: "<tr>").count - 1 == 1 + notes.count, "opened + one row per contact")
        #expect(!dom.stdout.contains("<script"))
        #expect(dom.stdout.contains("&lt;script&gt;document.title='x'&lt;/script&gt;"))

        // Printed to PDF: the text reads back, and a Japanese font (not a fallback box) was embedded.
        let pdf = dir.path("evidence.pdf")
        let printed = try chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", url])
        #expect(printed.status == 0, "\(printed.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.starts(with: Array("%PDF".utf8)))
        let text = try CommandRunner.run(try #require(Self.tool("pdftotext")), [pdf, "-"])
        #expect(text.status == 0)
        for expected in ["未払い代金に関する経緯書", "まるやま珈琲", "1234-5678-9012", "留守番電話に伝言", "¥12,800"] {
            #expect(text.stdout.contains(expected), "\(expected) missing from the printed PDF")
        }
        let fonts = try CommandRunner.run(try #require(Self.tool("pdffonts")), [pdf])
        #expect(fonts.stdout.contains("IPA"), "no Japanese font embedded:\n\(fonts.stdout)")
        let info = try CommandRunner.run(try #require(Self.tool("pdfinfo")), [pdf])
        let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
        #expect((pages ?? 0) >= 1)
    }
}
