/// One answer's place: the request it answers and the publication id it answers for. An origin
/// answers each pair at most once (`FederationLog` refuses a second).
public struct ReviewAnswerKey: Sendable, Hashable {
    public let request: ReviewRequestID
    public let publication: ReportID

    public init(request: ReviewRequestID, publication: ReportID) {
        self.request = request
        self.publication = publication
    }
}
