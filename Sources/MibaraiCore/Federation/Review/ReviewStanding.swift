/// Where one record stands against the review requests that name it: the rule every node applies
/// the same way, from the operator's requests and the origin's answers alone (`Protocol/federation.md`,
/// "Review requests", rule R1). A record named in a request whose deadline has passed (the day is
/// after it) with no answer to that request for that record in its origin's log is `overdue`: every
/// node's screening takes it as disputed, so it stops counting. An answer, even a late one, ends
/// that. Pure: no clock but the day given.
public enum ReviewStanding: Sendable, Hashable {
    /// No request names the record.
    case none
    /// A request names it; the origin has not answered it yet and its deadline is `deadline`
    /// (the earliest among such requests).
    case awaiting(deadline: LocalDate)
    /// Every request that names it was answered.
    case answered
    /// A request naming it is past its deadline with no answer: taken as disputed.
    case overdue(since: LocalDate)

    /// `requests`: the operator's review requests (any, in any order). `answered`: the
    /// (request, publication id) pairs the record's origin has answered. `record`: the record.
    public static func of(
        _ record: RecordKey, requests: [ReviewRequest], answered: Set<ReviewAnswerKey>, on day: LocalDate
    ) -> ReviewStanding {
        var named = false
        var overdueSince: LocalDate?
        var awaiting: LocalDate?
        for r in requests where r.records.contains(record) {
            named = true
            guard !answered.contains(ReviewAnswerKey(request: r.id, publication: record.id)) else { continue }
            if day > r.deadline {
                let since = r.deadline.adding(days: 1)
                overdueSince = min(overdueSince ?? since, since)
            } else {
                awaiting = min(awaiting ?? r.deadline, r.deadline)
            }
        }
        if let overdueSince { return .overdue(since: overdueSince) }
        if let awaiting { return .awaiting(deadline: awaiting) }
        return named ? .answered : .none
    }

    /// Whether screening takes the record as disputed.
    public var takenAsDisputed: Bool {
        if case .overdue = self { return true }
        return false
    }

    /// The status screening uses for a record whose own status is `status`: disputed when overdue
    /// (a withdrawn record stays withdrawn; paid and settled are shown as disputed too, since the
    /// shop did not answer the person).
    public func effectiveStatus(_ status: ReportStatus) -> ReportStatus {
        guard takenAsDisputed, status != .withdrawn else { return status }
        return .disputed
    }
}
