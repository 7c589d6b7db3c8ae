import Crypto
import MibaraiCore
import Testing

/// Data-subject review requests (`Protocol/federation.md`, "Review requests", version 3): the
/// bodies, the log's rules for them, the overdue rule (R1) with dates, and the gossip never handing
/// an answer to a peer of an older version.
@Suite("Review requests")
struct ReviewRequestTests {
    typealias F = FederationFixture

    static let requestID = ReviewRequestID(bytes: [UInt8](repeating: 0x7A, count: 16))!
    static let day = LocalDate(year: 2026, month: 12, day: 7)!

    static func request(_ idByte: UInt8 = 0x7A, kind: SubjectRequestKind = .correction, deadline: LocalDate = day.adding(days: 14),
                        records: [RecordKey]) -> ReviewRequest {
        ReviewRequest(id: ReviewRequestID(bytes: [UInt8](repeating: idByte, count: 16))!, kind: kind, deadline: deadline, records: records)
    }

    static func key(_ member: UInt8, _ record: UInt8) -> RecordKey { RecordKey(origin: F.id(member), id: F.record(record).id) }

    static func next(_ log: FederationLog, _ signer: Curve25519.Signing.PrivateKey, _ body: LogBody) -> LogEntry {
        let origin = NodeID(publicKey: signer.publicKey)
        return F.entry(signer, seq: log.vector[origin] + 1, previous: log.headHash(of: origin), body)
    }

    static func refusal(_ log: inout FederationLog, _ e: LogEntry) -> String? {
        do { try log.append(e) } catch { return error.name }
        return nil
    }

    // MARK: Bodies

    @Test func aRequestRoundTripsWithItsRecordsSorted() throws {
        let q = Self.request(records: [Self.key(2, 9), Self.key(1, 3), Self.key(2, 4), Self.key(1, 3)])
        #expect(q.records == q.records.sorted() && q.records.count == 3)
        let bytes = LogBody.reviewRequest(q).encoded()
        #expect(bytes.count == 16 + 1 + 4 + 1 + 3 * 48)
        #expect(Array(bytes[17..<21]) == [0, 0, 0x51, 0x48]) // 2026-12-21 = day 20,808
        #expect(try LogBody.decode(kind: .reviewRequest, bytes) == .reviewRequest(q))
        #expect(LogEntryKind.reviewRequest.rawValue == 69 && LogEntryKind.reviewAnswer.rawValue == 4)
        #expect(LogEntryKind.reviewRequest.sinceVersion == 3 && LogEntryKind.reviewAnswer.sinceVersion == 3)
        #expect(LogEntryKind.reviewRequest.isOperatorKind && !LogEntryKind.reviewAnswer.isOperatorKind)
    }

    @Test func unsortedEmptyOrUnknownRequestsAreMalformed() throws {
        let good = LogBody.reviewRequest(Self.request(records: [Self.key(1, 3), Self.key(2, 4)])).encoded()
        var swapped = good
        swapped.replaceSubrange(22..<118, with: Array(good[70..<118]) + Array(good[22..<70]))
        #expect(throws: WireError.self) { try LogBody.decode(kind: .reviewRequest, swapped) }
        var repeated = good
        repeated.replaceSubrange(70..<118, with: good[22..<70])
        #expect(throws: WireError.self) { try LogBody.decode(kind: .reviewRequest, repeated) }
        var none = Array(good[0..<22])
        none[21] = 0
        #expect(throws: WireError.self) { try LogBody.decode(kind: .reviewRequest, none) }
        var kind = good
        kind[16] = 4
        #expect(throws: WireError.self) { try LogBody.decode(kind: .reviewRequest, kind) }
        #expect(throws: WireError.self) { try LogBody.decode(kind: .reviewRequest, good + [0]) }
    }

    @Test func anAnswerRoundTripsAndAReasonGoesWithKeptOnly() throws {
        let kept = ReviewAnswer(request: Self.requestID, publication: F.record(3).id, answer: .kept, reason: "配達記録を確認しました")
        let bytes = LogBody.reviewAnswer(kept).encoded()
        #expect(bytes.count == 16 + 16 + 1 + 1 + "配達記録を確認しました".utf8.count)
        #expect(try LogBody.decode(kind: .reviewAnswer, bytes) == .reviewAnswer(kept))
        let withdrawn = ReviewAnswer(request: Self.requestID, publication: F.record(3).id, answer: .withdrawn)
        #expect(try LogBody.decode(kind: .reviewAnswer, LogBody.reviewAnswer(withdrawn).encoded()) == .reviewAnswer(withdrawn))
        // kept without a reason, withdrawn with one, a reason too long, an unknown answer.
        for bad in [ReviewAnswer(request: Self.requestID, publication: F.record(3).id, answer: .kept),
                    ReviewAnswer(request: Self.requestID, publication: F.record(3).id, answer: .withdrawn, reason: "x"),
                    ReviewAnswer(request: Self.requestID, publication: F.record(3).id, answer: .kept, reason: String(repeating: "x", count: 201))] {
            #expect(throws: WireError.self) { try LogBody.reviewAnswer(bad).validate() }
        }
        var unknown = bytes
        unknown[32] = 9
        #expect(throws: WireError.self) { try LogBody.decode(kind: .reviewAnswer, unknown) }
    }

    @Test func aReasonThatLooksLikeAPhoneOrAnEmailIsRefused() {
        #expect(ReviewAnswer.reasonProblem("配達記録と督促の記録を確認しました") == nil)
        #expect(ReviewAnswer.reasonProblem("2026年10月の注文、3回督促") == nil)
        #expect(ReviewAnswer.reasonProblem("") != nil)
        #expect(ReviewAnswer.reasonProblem("090-1234-5678 に連絡済み") != nil)
        #expect(ReviewAnswer.reasonProblem("０９０１２３４５６７８") != nil)
        #expect(ReviewAnswer.reasonProblem("someone@example.jp と同一") != nil)
        #expect(ReviewAnswer.reasonProblem(String(repeating: "確", count: 70)) != nil)
    }

    // MARK: The log's rules

    @Test func theOperatorAsksOnceAboutMembersRecordsOnly() throws {
        var log = F.log()
        let q = Self.request(records: [Self.key(1, 3), Self.key(2, 4)])
        _ = try log.append(signing: .reviewRequest(q), with: F.operatorKey)
        #expect(log.reviewRequests[q.id] == q)
        // The same id again; a record of a non-member; from a member.
        #expect(Self.refusal(&log, Self.next(log, F.operatorKey, .reviewRequest(Self.request(kind: .stopUse, records: [Self.key(3, 1)])))) == "invalid_body")
        #expect(Self.refusal(&log, Self.next(log, F.operatorKey, .reviewRequest(Self.request(0x7B, records: [Self.key(9, 1)])))) == "invalid_body")
        #expect(Self.refusal(&log, Self.next(log, F.signer(1), .reviewRequest(Self.request(0x7C, records: [Self.key(1, 1)])))) == "wrong_kind")
    }

    @Test func anAnswerFitsItsOriginsOwnLog() throws {
        var log = F.log()
        let shop = F.signer(1)
        let pub = F.record(3)
        func answer(_ a: ReviewAnswerKind, _ reason: String = "", for id: ReportID = pub.id) -> LogBody {
            .reviewAnswer(ReviewAnswer(request: Self.requestID, publication: id, answer: a, reason: reason))
        }
        // Never published; then published: withdrawn and corrected are refused while it is in force.
        #expect(Self.refusal(&log, Self.next(log, shop, answer(.kept, "確認しました"))) == "invalid_body")
        _ = try log.append(signing: .publish(pub), with: shop)
        #expect(Self.refusal(&log, Self.next(log, shop, answer(.withdrawn))) == "invalid_body")
        #expect(Self.refusal(&log, Self.next(log, shop, answer(.corrected))) == "invalid_body")
        // The request is in no log this node holds: the answer is still taken (its origin's log alone decides).
        _ = try log.append(signing: answer(.kept, "確認しました"), with: shop)
        let k = ReviewAnswerKey(request: Self.requestID, publication: pub.id)
        #expect(log.reviewAnswers[F.id(1)]?[k]?.answer == .kept)
        #expect(Self.refusal(&log, Self.next(log, shop, answer(.kept, "再確認しました"))) == "invalid_body")
        // Another shop cannot answer for it.
        #expect(Self.refusal(&log, Self.next(log, F.signer(2), answer(.kept, "確認しました"))) == "invalid_body")
        // A correction withdraws the publication and publishes the next revision, then the answer to a second request.
        var next = F.record(3)
        next.id = F.record(4).id
        _ = try log.append(signing: .withdraw(pub.id), with: shop)
        _ = try log.append(signing: .publish(next), with: shop)
        let second = ReviewRequestID(bytes: [UInt8](repeating: 0x7B, count: 16))!
        #expect(Self.refusal(&log, Self.next(log, shop, .reviewAnswer(ReviewAnswer(request: second, publication: pub.id, answer: .kept, reason: "x")))) == "invalid_body")
        _ = try log.append(signing: .reviewAnswer(ReviewAnswer(request: second, publication: pub.id, answer: .corrected)), with: shop)
    }

    // MARK: The overdue rule (R1)

    @Test func aRecordUnansweredPastItsDeadlineIsTakenAsDisputed() {
        let record = Self.key(1, 3)
        let deadline = Self.day.adding(days: 14)
        let q = Self.request(deadline: deadline, records: [record, Self.key(2, 4)])
        let answered: Set<ReviewAnswerKey> = [ReviewAnswerKey(request: q.id, publication: record.id)]
        #expect(ReviewStanding.of(Self.key(3, 5), requests: [q], answered: [], on: Self.day) == ReviewStanding.none)
        // On the deadline itself the origin is still in time; the day after, it is overdue.
        #expect(ReviewStanding.of(record, requests: [q], answered: [], on: deadline) == .awaiting(deadline: deadline))
        let after = ReviewStanding.of(record, requests: [q], answered: [], on: deadline.adding(days: 1))
        #expect(after == .overdue(since: deadline.adding(days: 1)) && after.takenAsDisputed)
        #expect(after.effectiveStatus(.open) == .disputed && after.effectiveStatus(.paid) == .disputed)
        #expect(after.effectiveStatus(.withdrawn) == .withdrawn)
        // An answer, even late, ends it; the other record of the request is still overdue.
        let late = ReviewStanding.of(record, requests: [q], answered: answered, on: deadline.adding(days: 30))
        #expect(late == .answered && !late.takenAsDisputed && late.effectiveStatus(.open) == .open)
        #expect(ReviewStanding.of(Self.key(2, 4), requests: [q], answered: answered, on: deadline.adding(days: 30)).takenAsDisputed)
        // Two requests: answering one leaves the record overdue on the other.
        let q2 = Self.request(0x7B, deadline: deadline.adding(days: 7), records: [record])
        #expect(ReviewStanding.of(record, requests: [q, q2], answered: answered, on: deadline.adding(days: 1)) == .awaiting(deadline: deadline.adding(days: 7)))
        #expect(ReviewStanding.of(record, requests: [q, q2], answered: answered, on: deadline.adding(days: 8)).takenAsDisputed)
    }

    @Test func theLogComputesTheSameStandingAtEveryNode() throws {
        var log = F.log()
        let shop = F.signer(1)
        let pub = F.record(3)
        _ = try log.append(signing: .publish(pub), with: shop)
        let deadline = Self.day.adding(days: 14)
        let q = Self.request(deadline: deadline, records: [RecordKey(origin: F.id(1), id: pub.id)])
        _ = try log.append(signing: .reviewRequest(q), with: F.operatorKey)
        let key = RecordKey(origin: F.id(1), id: pub.id)
        #expect(log.reviewStanding(of: key, on: deadline.adding(days: 1)).takenAsDisputed)
        _ = try log.append(signing: .reviewAnswer(ReviewAnswer(request: q.id, publication: pub.id, answer: .kept, reason: "確認しました")), with: shop)
        #expect(log.reviewStanding(of: key, on: deadline.adding(days: 1)) == .answered)
    }

    // MARK: Versions

    /// A member's first answer cuts its log for a version-2 peer, as the operator's first request
    /// cuts the operator's; a version-3 peer gets both.
    @Test func aVersionTwoPeerGetsAMembersLogOnlyUpToItsFirstAnswer() throws {
        var log = F.log()
        let shop = F.signer(1)
        let opCut = log.vector[F.operatorID]
        _ = try log.append(signing: .publish(F.record(3)), with: shop)
        _ = try log.append(signing: .reviewRequest(Self.request(records: [Self.key(1, 3)])), with: F.operatorKey)
        _ = try log.append(signing: .reviewAnswer(ReviewAnswer(request: Self.requestID, publication: F.record(3).id, answer: .kept, reason: "確認")), with: shop)
        _ = try log.append(signing: .status(F.record(3).id, .paid), with: shop)
        #expect(log.lastSendable(of: F.id(1), toVersion: 2) == 1)
        #expect(log.lastSendable(of: F.operatorID, toVersion: 2) == opCut)
        #expect(log.lastSendable(of: F.id(1), toVersion: 3) == nil)
    }
}
