import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiStore
import MibaraiTestSupport
import Testing

/// The screening API's batcher over a real SQLite file: orders of concurrent callers screened
/// together each come back with their own result, and every caller is answered only once its
/// order is in the velocity history file.
@Suite("Screening batcher")
struct ScreeningBatcherTests {
    let dir = TemporaryDirectory("mibarai-batcher")
    let normalizer = try! Normalizer.bundled()
    let now: Int64 = 1_795_400_000

    @Test func concurrentCallersGetTheirOwnResultsOnceInTheHistory() async throws {
        let db = try AppDatabase(path: dir.path("node.sqlite"))
        let report = Fixtures.report()
        try db.store([BlindedRecord(report: report, origin: "shop-a", normalized: normalizer.normalize(report.identity), blinder: Blinder(key: Fixtures.key))])
        let screener = try OrderScreener(database: db, normalizer: normalizer, keyring: Keyring(primary: Fixtures.key), policy: ScreeningPolicy(),
                                         velocityKey: Array(repeating: 7, count: 32), now: now)
        let at = now
        let batcher = ScreeningBatcher(screener: screener, now: { at })
        // 120 callers at once; every tenth orders as the reported canary, the others as strangers.
        let results = try await withThrowingTaskGroup(of: (Int, ScreeningResult).self) { tasks in
            for k in 0..<120 {
                let identity = k % 10 == 0 ? Fixtures.canary : Identity(phone: "080-2468-\(1000 + k)", email: "stranger\(k)@example.jp")
                let order = Order(reference: "API-\(k)", billing: identity, payment: .card, placedAt: at - Int64(k))
                tasks.addTask { (k, try await batcher.screen(order)) }
            }
            return try await tasks.reduce(into: [Int: ScreeningResult]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 120)
        for (k, r) in results {
            #expect(r.lookup.reportCount == (k % 10 == 0 ? 1 : 0), "caller \(k) got another order's result")
        }
        #expect(try db.screenedOrderCount() == 120, "every caller was answered after its order reached the file")
    }
}
