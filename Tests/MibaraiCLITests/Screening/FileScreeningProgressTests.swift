import Foundation
import MibaraiCore
import MibaraiImport
import MibaraiNode
import MibaraiTestSupport
import Testing

/// `Node.screenFile` on a node made by the real binary: a large file says its orders, then the
/// lookup index as it is read, then each batch; and a running server's screener (the web page's
/// CSV jobs) screens it with the index read for the file.
@Suite("File screening progress")
struct FileScreeningProgressTests {
    let dir = TemporaryDirectory("mibarai-file-progress")

    @Test func aLargeFileSaysTheIndexReadThenEachBatch() async throws {
        let path = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", path]).status == 0)
        let c = Fixtures.canary
        let added = try CommandRunner.mibarai(["report", "add", "--data-dir", path, "--category", "unpaid", "--amount", "9800",
                                               "--phone", c.phone!, "--email", c.email!, "--incident-date", "2026-10-01"])
        #expect(added.status == 0, "\(added.stderr)")

        // 2,500 orders, the canary's the 1,234th: large enough for the index to be read.
        var text = "order,name,phone,email\n"
        for k in 0..<2_500 {
            text += k == 1_233 ? "R\(k),\(c.name!),\(c.phone!),\(c.email!)\n" : "R\(k),試験 \(k),03-3333-\(String(format: "%04d", k)),t\(k)@example.jp\n"
        }
        let file = try OrderCSV.parse(Data(text.utf8), name: "orders.csv")
        let node = try Node.open(URL(fileURLWithPath: path))
        let screener = try node.screener(now: Node.now())
        var heard: [FileScreeningProgress] = []
        var decided: [String: ScreeningDecision] = [:]
        let tally = try await node.screenFile(file, now: Node.now(), batch: 1_000, screener: screener, each: { group, outcome in
            if case .success(let r) = outcome { decided[group.reference ?? ""] = r.decision }
        }, progress: { heard.append($0) })

        #expect(tally.orders == 2_500)
        #expect(tally.matched == 1)
        #expect(decided.count == 2_500)
        #expect(decided["R1233"] == .hold)
        let entries = try #require(heard.compactMap { if case .readingIndex(_, let of) = $0 { of } else { nil } }.first)
        #expect(entries > 0, "the report's tokens are in the index")
        #expect(heard == [.screening(done: 0, of: 2_500), .readingIndex(read: 0, of: entries), .readingIndex(read: entries, of: entries),
                          .screening(done: 0, of: 2_500), .screening(done: 1_000, of: 2_500), .screening(done: 2_000, of: 2_500),
                          .screening(done: 2_500, of: 2_500)])
    }
}
