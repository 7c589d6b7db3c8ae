/// A review request as a node holds it: the operator's request and, for each of its records, the
/// answer its origin has given so far.
public struct ReviewRequestState: Sendable, Hashable {
    public var request: ReviewRequest
    public var answers: [RecordKey: ReviewAnswer]

    public init(request: ReviewRequest, answers: [RecordKey: ReviewAnswer]) {
        self.request = request
        self.answers = answers
    }

    /// Where `record` (one the request names) stands on `day`.
    public func standing(of record: RecordKey, on day: LocalDate) -> ReviewStanding {
        let answered = Set(answers.keys.filter { $0 == record }.map { ReviewAnswerKey(request: request.id, publication: $0.id) })
        return ReviewStanding.of(record, requests: [request], answered: answered, on: day)
    }
}
