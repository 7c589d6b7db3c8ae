/// The body of a `review_answer` entry (member kind 4, protocol version 3): the origin's answer to
/// a review request for one of its own records, named by the publication id the request named
/// (`Protocol/federation.md`, "Review answers"). `reason` is said only with `kept`: a short text
/// for the person (why the shop keeps the record) that must hold no personal data.
public struct ReviewAnswer: Sendable, Hashable {
    public var request: ReviewRequestID
    public var publication: ReportID
    public var answer: ReviewAnswerKind
    /// Non-empty, at most `maxReasonBytes` of UTF-8, with `kept`; empty otherwise.
    public var reason: String

    /// A reason's length in UTF-8 bytes at most.
    public static let maxReasonBytes = 200

    public init(request: ReviewRequestID, publication: ReportID, answer: ReviewAnswerKind, reason: String = "") {
        self.request = request
        self.publication = publication
        self.answer = answer
        self.reason = reason
    }
}
