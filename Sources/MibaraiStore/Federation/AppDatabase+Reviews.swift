import Foundation
import GRDB
import MibaraiCore

/// The operator's review requests and the origins' answers (`Protocol/federation.md`, "Review
/// requests"): kept as their entries are saved (``saveLogEntries(_:proofs:me:names:stage:)``, which
/// holds only entries the log has verified), read by every lookup (a record overdue is taken as
/// disputed), by `report reviews` at the origin and by the operator's `subject-requests`.
extension AppDatabase {
    /// A `review_request` adds the request and its records, a `review_answer` the answer; other
    /// bodies change nothing. Idempotent.
    static func applyReview(_ body: LogBody, origin: NodeID, _ db: Database) throws {
        switch body {
        case .reviewRequest(let q):
            let id = Data(q.id.bytes)
            try db.execute(sql: "INSERT OR IGNORE INTO review_request (id, kind, deadline) VALUES (?, ?, ?)",
                           arguments: [id, Int(q.kind.rawValue), q.deadline.daysSinceEpoch])
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO review_request_record (request, origin, publication) VALUES (?, ?, ?)")
            for k in q.records { try insert.execute(arguments: [id, Data(k.origin.bytes), Data(k.id.bytes)]) }
        case .reviewAnswer(let a):
            try db.execute(sql: """
                INSERT OR IGNORE INTO review_answer (origin, request, publication, answer, reason) VALUES (?, ?, ?, ?, ?)
                """, arguments: [Data(origin.bytes), Data(a.request.bytes), Data(a.publication.bytes), Int(a.answer.rawValue), a.reason])
        default:
            break
        }
    }

    /// Every review request held, with the answers its records' origins have given.
    public func reviewRequests() throws(StoreError) -> [ReviewRequestState] {
        try read { db in try Self.reviewRequests(db) }
    }

    /// The publication ids overdue on `day` (`ReviewStanding`): named in a request whose deadline is
    /// before `day`, with no answer from their origin to that request for them.
    public func overdueReviewPublications(on day: LocalDate) throws(StoreError) -> Set<ReportID> {
        try read { db in try Self.overdueReviewPublications(on: day, db) }
    }

    /// ``overdueReviewPublications(on:)`` read on one of the pool's reader threads (the screening API).
    public func overdueReviewPublications(on day: LocalDate) async throws(StoreError) -> Set<ReportID> {
        try await asyncRead { db in try Self.overdueReviewPublications(on: day, db) }
    }

    static func overdueReviewPublications(on day: LocalDate, _ db: Database) throws -> Set<ReportID> {
        let rows = try Data.fetchAll(db, sql: """
            SELECT DISTINCT r.publication FROM review_request_record r JOIN review_request q ON q.id = r.request
            WHERE q.deadline < ? AND NOT EXISTS (
                SELECT 1 FROM review_answer a WHERE a.origin = r.origin AND a.request = r.request AND a.publication = r.publication)
            """, arguments: [day.daysSinceEpoch])
        return Set(rows.compactMap { ReportID(bytes: [UInt8]($0)) })
    }

    static func reviewRequests(_ db: Database) throws -> [ReviewRequestState] {
        var answers: [ReviewAnswerKey: [NodeID: ReviewAnswer]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT origin, request, publication, answer, reason FROM review_answer") {
            guard let origin = NodeID(bytes: [UInt8](row[0] as Data)), let request = ReviewRequestID(bytes: [UInt8](row[1] as Data)),
                  let publication = ReportID(bytes: [UInt8](row[2] as Data)),
                  let kind = ReviewAnswerKind(rawValue: UInt8(clamping: row[3] as Int)) else { throw StoreError.corrupt("review_answer") }
            let key = ReviewAnswerKey(request: request, publication: publication)
            answers[key, default: [:]][origin] = ReviewAnswer(request: request, publication: publication, answer: kind, reason: row[4])
        }
        var records: [ReviewRequestID: [RecordKey]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT request, origin, publication FROM review_request_record") {
            guard let request = ReviewRequestID(bytes: [UInt8](row[0] as Data)), let origin = NodeID(bytes: [UInt8](row[1] as Data)),
                  let publication = ReportID(bytes: [UInt8](row[2] as Data)) else { throw StoreError.corrupt("review_request_record") }
            records[request, default: []].append(RecordKey(origin: origin, id: publication))
        }
        return try Row.fetchAll(db, sql: "SELECT id, kind, deadline FROM review_request").map { row in
            guard let id = ReviewRequestID(bytes: [UInt8](row[0] as Data)),
                  let kind = SubjectRequestKind(rawValue: UInt8(clamping: row[1] as Int)) else { throw StoreError.corrupt("review_request") }
            let request = ReviewRequest(id: id, kind: kind, deadline: LocalDate(daysSinceEpoch: row[2]), records: records[id] ?? [])
            var mine: [RecordKey: ReviewAnswer] = [:]
            for k in request.records {
                if let a = answers[ReviewAnswerKey(request: id, publication: k.id)]?[k.origin] { mine[k] = a }
            }
            return ReviewRequestState(request: request, answers: mine)
        }.sorted { ($0.request.deadline, $0.request.id) < ($1.request.deadline, $1.request.id) }
    }

    /// Records this node's answer for the gossip to sign (`OwnLogPlan.answerBodies`). Refused when
    /// an answer for the same request and record was recorded already.
    public func queueReviewAnswer(_ a: ReviewAnswer) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO review_answer_outbox (request, publication, answer, reason) VALUES (?, ?, ?, ?)
                """, arguments: [Data(a.request.bytes), Data(a.publication.bytes), Int(a.answer.rawValue), a.reason])
            guard db.changesCount > 0 else { return false }
            try Self.bumpLocalChange(db)
            return true
        }
    }

    /// This node's recorded answers, signed or not yet.
    public func queuedReviewAnswers() throws(StoreError) -> [ReviewAnswer] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT request, publication, answer, reason FROM review_answer_outbox ORDER BY request, publication").map { row in
                guard let request = ReviewRequestID(bytes: [UInt8](row[0] as Data)), let publication = ReportID(bytes: [UInt8](row[1] as Data)),
                      let kind = ReviewAnswerKind(rawValue: UInt8(clamping: row[2] as Int)) else { throw StoreError.corrupt("review_answer_outbox") }
                return ReviewAnswer(request: request, publication: publication, answer: kind, reason: row[3])
            }
        }
    }

    /// The `publish` entry of `origin`'s log that published `publication`, if the node holds it:
    /// what the record said when a review request named it.
    public func publication(_ publication: ReportID, of origin: NodeID) throws(StoreError) -> RecordPublication? {
        try read { db in
            let rows = try Data.fetchCursor(db, sql: "SELECT entry FROM log_entry WHERE origin = ? ORDER BY seq", arguments: [Data(origin.bytes)])
            while let bytes = try rows.next() {
                guard let e = try? LogEntry(decoding: [UInt8](bytes)), e.kind == .publish,
                      case .publish(let p)? = try? e.decodedBody(), p.id == publication else { continue }
                return p
            }
            return nil
        }
    }
}
