import MibaraiCore
import Testing

/// What a node does with review requests beside its log: a lookup takes an overdue record as
/// disputed, and the origin signs its recorded answers once its log can take them.
@Suite("Review answers and overdue records")
struct ReviewAnswerPlanTests {
    typealias F = FederationFixture

    static let requestID = ReviewRequestID(bytes: [UInt8](repeating: 0x7A, count: 16))!

    @Test func aLookupTakesAnOverdueRecordAsDisputed() {
        let pub = F.record(3)
        let record = BlindedRecord(header: RecordHeader(id: pub.id, origin: "shop-a", epoch: 1, category: .nonPayment, amountYen: 12_800,
                                                        month: "2026-10", status: .open, expiresOn: pub.expiresOn), tokens: pub.tokens)
        let query = [pub.tokens[0]]
        let plain = LookupResult(query: query, candidates: [(RecordSummary(record), [pub.tokens[0].value])])
        #expect(plain.matches.first?.record.status == .open && plain.outstandingYen == 12_800)
        let overdue = LookupResult(query: query, candidates: [(RecordSummary(record), [pub.tokens[0].value])], overdue: [pub.id])
        #expect(overdue.matches.first?.record.status == .disputed && overdue.outstandingYen == 0)
    }

    @Test func answersAreSignedOnceTheLogCanTakeThem() {
        let pub = F.record(3)
        var published: [ReportID: BlindedRecord] = [pub.id: pub.record(origin: "shop-a")]
        let kept = ReviewAnswer(request: Self.requestID, publication: pub.id, answer: .kept, reason: "確認しました")
        let corrected = ReviewAnswer(request: ReviewRequestID(bytes: [UInt8](repeating: 0x7B, count: 16))!, publication: pub.id, answer: .corrected)
        let unknown = ReviewAnswer(request: Self.requestID, publication: F.record(9).id, answer: .kept, reason: "確認しました")
        // The correction is not published yet: the corrected answer waits.
        #expect(OwnLogPlan.answerBodies(queued: [kept, corrected, unknown], answered: [], published: published) == [.reviewAnswer(kept)])
        // Once the plan withdraws the publication, it goes after it; the kept answer is in the log already.
        published = OwnLogPlan.applying([.withdraw(pub.id)], to: published, origin: "shop-a")
        #expect(published[pub.id]?.status == .withdrawn)
        let answered: Set = [ReviewAnswerKey(request: kept.request, publication: kept.publication)]
        #expect(OwnLogPlan.answerBodies(queued: [kept, corrected], answered: answered, published: published) == [.reviewAnswer(corrected)])
    }
}
