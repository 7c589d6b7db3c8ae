import Crypto
import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// Review requests and answers kept in a real SQLite file as their entries are saved (migration
/// v11), caught up or not; the records overdue on a day; this node's recorded answers.
@Suite("Review requests in the store")
struct ReviewStoreTests {
    let dir = TemporaryDirectory("mibarai-reviews")
    let operatorKey = Curve25519.Signing.PrivateKey()
    let shopKey = Curve25519.Signing.PrivateKey()
    let me = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
    static let day = LocalDate(year: 2026, month: 12, day: 7)!

    @Test(arguments: [false, true])
    func aRequestIsOverdueUntilItsOriginAnswers(stage: Bool) async throws {
        let db = try AppDatabase(path: dir.path("node-\(stage).sqlite"))
        let shop = NodeID(publicKey: shopKey.publicKey)
        let a = ReportID(bytes: [UInt8](repeating: 1, count: 16))!
        let b = ReportID(bytes: [UInt8](repeating: 2, count: 16))!
        let q = ReviewRequest(id: ReviewRequestID(bytes: [UInt8](repeating: 0x7A, count: 16))!, kind: .correction,
                              deadline: Self.day, records: [RecordKey(origin: shop, id: a), RecordKey(origin: shop, id: b)])
        let request = try LogEntry.make(signer: operatorKey, seq: 1, previous: .zero, body: .reviewRequest(q))
        try db.saveLogEntries([request, request], me: me, names: [:], stage: stage)
        #expect(try await db.overdueReviewPublications(on: Self.day).isEmpty)
        #expect(try await db.overdueReviewPublications(on: Self.day.adding(days: 1)) == [a, b])
        // The origin answers for one record (the log checked the answer against its own log).
        let answer = ReviewAnswer(request: q.id, publication: a, answer: .kept, reason: "確認しました")
        try db.saveLogEntries([try LogEntry.make(signer: shopKey, seq: 1, previous: .zero, body: .reviewAnswer(answer))],
                              me: me, names: [shop: "shop-a"], stage: stage)
        #expect(try await db.overdueReviewPublications(on: Self.day.adding(days: 1)) == [b])
        let states = try db.reviewRequests()
        #expect(states.count == 1 && states[0].request == q)
        #expect(states[0].answers == [RecordKey(origin: shop, id: a): answer])
        // Reopened: the same.
        let reopened = try AppDatabase(path: dir.path("node-\(stage).sqlite"))
        #expect(try await reopened.overdueReviewPublications(on: Self.day.adding(days: 1)) == [b])
    }

    @Test func thisNodesAnswersAreRecordedOnce() throws {
        let db = try AppDatabase(path: dir.path("outbox.sqlite"))
        let answer = ReviewAnswer(request: ReviewRequestID(bytes: [UInt8](repeating: 0x7A, count: 16))!,
                                  publication: ReportID(bytes: [UInt8](repeating: 1, count: 16))!, answer: .withdrawn)
        let before = try db.localChangeVersion()
        #expect(try db.queueReviewAnswer(answer))
        #expect(try db.localChangeVersion() > before)
        #expect(try !db.queueReviewAnswer(ReviewAnswer(request: answer.request, publication: answer.publication, answer: .kept, reason: "x")))
        #expect(try db.queuedReviewAnswers() == [answer])
    }
}
