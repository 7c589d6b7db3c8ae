import Foundation
import MibaraiCore
import MibaraiStore

/// The origin's side of data-subject requests (`Protocol/federation.md`, "Review requests"): the
/// operator's requests that name this node's records, and the shop's answers.
extension Node {
    /// One of this node's records named in a review request.
    public struct ReviewItem: Sendable {
        public var request: ReviewRequest
        /// The publication id the request names.
        public var publication: ReportID
        /// The shop's report it was published from; nil if the node no longer holds it.
        public var report: Report?
        /// The answer in the node's log, or recorded and waiting to be signed.
        public var answer: ReviewAnswer?
        /// Whether `answer` is in the log already (false: recorded, the gossip signs it next).
        public var answerSigned: Bool
        public var standing: ReviewStanding
    }

    /// This node's id in the federation (from `node.key`); nil before it has one.
    public func ownNodeID() -> NodeID? {
        let url = directory.file(NodeKeys.nodeKeyFile)
        guard FileManager.default.fileExists(atPath: url.path), let key = try? NodeKeys.readNodeKey(url) else { return nil }
        return NodeID(publicKey: key.publicKey)
    }

    /// The review requests naming this node's records, one item per record, by deadline.
    public func reviews() throws(NodeError) -> [ReviewItem] {
        guard let me = ownNodeID() else { return [] }
        let states: [ReviewRequestState]
        let queued: [ReviewAnswer]
        do {
            states = try database.reviewRequests()
            queued = try database.queuedReviewAnswers()
        } catch { throw .store(error) }
        let named = states.flatMap { s in s.request.records(of: me).map { (s, $0) } }
        guard !named.isEmpty else { return [] }
        let reports = try publicationIndex(Set(named.map(\.1)))
        return named.map { (s, publication) in
            let key = RecordKey(origin: me, id: publication)
            let signed = s.answers[key]
            let waiting = queued.first { $0.request == s.request.id && $0.publication == publication }
            return ReviewItem(request: s.request, publication: publication, report: reports[publication],
                              answer: signed ?? waiting, answerSigned: signed != nil, standing: s.standing(of: key, on: today))
        }
    }

    /// The shop's reports behind these publication ids: a publication id is derived from the report
    /// id, an epoch and a revision (`OwnLogPlan.publicationID`), so each report's ids under the
    /// node's epochs are computed, revisions up to `maxRevisions`.
    func publicationIndex(_ wanted: Set<ReportID>) throws(NodeError) -> [ReportID: Report] {
        let all: [Report]
        do { all = try database.reports(status: nil, limit: Int(Int32.max)) } catch { throw .store(error) }
        let epochs = Set(keyring.accepted.map(\.epoch))
        var out: [ReportID: Report] = [:]
        for r in all {
            for e in epochs {
                for revision in 0..<Self.maxRevisions {
                    let id = OwnLogPlan.publicationID(report: r.id, epoch: e, revision: revision)
                    if wanted.contains(id) { out[id] = r }
                }
            }
            if out.count == wanted.count { break }
        }
        return out
    }

    /// Corrections of one report under one epoch looked for when a publication id is traced back.
    static let maxRevisions: UInt32 = 32

    /// Records the shop's answer to a review request for one of its reports; the gossip signs it
    /// (after the correction's or withdrawal's own entries). `kept` needs a reason without personal
    /// data; `corrected` needs the report corrected since it was published under the named id,
    /// `withdrawn` the report withdrawn.
    public func answerReview(request text: String, report reportText: String, answer: ReviewAnswerKind,
                             reason: String?) throws(NodeError) -> ReviewItem {
        guard let requestID = ReviewRequestID(hex: text.trimmingCharacters(in: .whitespaces)) else {
            throw .usage(ja: "依頼IDは 32 桁の16進数です: \(text)", en: "a request id is 32 hex digits: \(text)")
        }
        let report = try findReport(reportText)
        let items = try reviews().filter { $0.request.id == requestID }
        guard !items.isEmpty else {
            throw .noInput(ja: "このノードの記録を挙げた確認依頼が見つかりません: \(requestID)", en: "no review request naming this node's records: \(requestID)")
        }
        guard let item = items.first(where: { $0.report?.id == report.id }) else {
            throw .noInput(ja: "この確認依頼はこの報告を挙げていません: \(report.id)", en: "the review request does not name this report: \(report.id)")
        }
        guard item.answer == nil else {
            throw .usage(ja: "この確認依頼にはこの報告について回答済みです。", en: "this review request was answered for this report already.")
        }
        var said = ""
        switch answer {
        case .kept:
            if let problem = ReviewAnswer.reasonProblem(reason ?? "") { throw .data(problem) }
            said = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard report.status != .withdrawn else {
                throw .usage(ja: "取り下げた報告は維持できません。--withdrawn で回答してください。", en: "a withdrawn report cannot be kept: answer --withdrawn.")
            }
        case .corrected:
            let events: [(day: String, kind: String, detail: String?)]
            do { events = try database.events(of: report.id) } catch { throw .store(error) }
            guard report.status != .withdrawn, events.contains(where: { $0.kind == "corrected" }) else {
                throw .usage(ja: "先に `mibarai report update` で報告を訂正してください。", en: "correct the report first with `mibarai report update`.")
            }
            // Corrected since the named publication: the report, blinded now, no longer says what
            // that publication said (under the same epoch; under another one the tokens differ
            // anyway, and the correction's history is what tells).
            if let me = ownNodeID() {
                let published: RecordPublication?
                do { published = try database.publication(item.publication, of: me) } catch { throw .store(error) }
                if let published {
                    let now = blindedRecord(for: report)
                    var was = published.record(origin: now.origin)
                    was.header.id = now.id
                    was.header.status = now.status
                    if now.epoch == published.epoch && OwnLogPlan.sameContent(now, was) {
                        throw .usage(ja: "この報告は確認依頼のあとに訂正されていません。先に `mibarai report update` で訂正してください。",
                                     en: "the report was not corrected since the review request named it: correct it first with `mibarai report update`.")
                    }
                }
            }
            // The log refuses a `corrected` answer while the named publication is in force, so the
            // gossip signs it only once the correction has withdrawn it (`OwnLogPlan.answerBodies`).
        case .withdrawn:
            guard report.status == .withdrawn else {
                throw .usage(ja: "先に `mibarai report withdraw` で報告を取り下げてください。", en: "withdraw the report first with `mibarai report withdraw`.")
            }
        }
        let a = ReviewAnswer(request: requestID, publication: item.publication, answer: answer, reason: said)
        do { _ = try database.queueReviewAnswer(a) } catch { throw .store(error) }
        var out = item
        out.answer = a
        return out
    }
}
