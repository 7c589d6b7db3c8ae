import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiTestSupport
import Testing

/// The reports page lists 50 reports at a time, newest incident first, with links to the pages
/// before and after that keep the status chosen; a served node, signed in as a browser would.
@Suite("Web page: the reports list in pages", .serialized)
struct WebReportsPagingTests {
    let dir = TemporaryDirectory("mibarai-web-paging")
    let password = "paging-owner-2026"

    @Test func fiftyAtATimeWithLinksBothWays() throws {
        let path = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", path]).status == 0)
        let set = try CommandRunner.mibarai(["web", "password", "--data-dir", path], stdin: Data("\(password)\n".utf8))
        #expect(set.status == 0, "\(set.stderr)")
        // 57 reports, one a day (the 57th the newest); every third marked paid.
        let node = try Node.open(URL(fileURLWithPath: path))
        let first = LocalDate(year: 2026, month: 9, day: 1)!
        for k in 1...57 {
            let draft = Node.ReportDraft(identity: Identity(phone: "080-2468-\(String(format: "%04d", 1000 + k))"), category: .nonPayment,
                                         amountYen: 1000 + k, incidentDate: first.adding(days: k), status: k % 3 == 0 ? .paid : .open)
            _ = try node.recordReport(draft)
        }
        let server = try ServerProcess(["--data-dir", path, "--no-federation"])
        defer { _ = server.stop() }
        let web = try WebSignIn(port: server.port, password: password)

        let one = try web.get("/reports?lang=en").text
        #expect(one.components(separatedBy: "<tr><td><a href=\"/reports/").count - 1 == 50)
        #expect(one.contains("1–50 shown of 57"), "\(one)")
        #expect(one.contains("¥1,057") && !one.contains("¥1,007<"), "newest first")
        #expect(one.contains("href=\"/reports?page=2\""))
        #expect(!one.contains("rel=\"prev\""))
        #expect(!one.contains("class=\"flash\""), "no empty notice when nothing was done")

        let two = try web.get("/reports?page=2&lang=en").text
        #expect(two.components(separatedBy: "<tr><td><a href=\"/reports/").count - 1 == 7)
        #expect(two.contains("51–57 shown of 57"), "\(two)")
        #expect(two.contains("¥1,001") && two.contains("href=\"/reports?page=1\""))
        #expect(!two.contains("rel=\"next\""))

        // 19 paid reports: one page, no links; a page past the end lists nothing.
        let paid = try web.get("/reports?status=paid&lang=en").text
        #expect(paid.contains("1–19 shown of 19"), "\(paid)")
        #expect(!paid.contains("class=\"pager\""))
        let open = try web.get("/reports?status=open&lang=en").text
        #expect(open.contains("1–38 shown of 38") && !open.contains("class=\"pager\""))
        let past = try web.get("/reports?page=9&lang=en")
        #expect(past.status == 200)
        #expect(!past.text.contains("<tr><td><a href=\"/reports/"))
    }
}
