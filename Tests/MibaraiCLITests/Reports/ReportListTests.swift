import Foundation
import MibaraiTestSupport
import Testing

/// `report list` says when it shows only part of the reports.
@Suite("Report list")
struct ReportListTests {
    let dir = TemporaryDirectory("mibarai-report-list")

    @Test func aCutListSaysHowManyThereAre() throws {
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        for k in 1...3 {
            #expect(try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "non-payment", "--amount", "1000",
                                               "--phone", "080-2468-135\(k)"]).status == 0)
        }
        let cut = try CommandRunner.mibarai(["report", "list", "--data-dir", node, "--limit", "2", "--lang", "en"])
        #expect(cut.status == 0)
        #expect(cut.stdout.contains("newest 2 of 3"), "\(cut.stdout)")
        let whole = try CommandRunner.mibarai(["report", "list", "--data-dir", node, "--lang", "en"])
        #expect(!whole.stdout.contains(" of 3"), "\(whole.stdout)")
    }
}
