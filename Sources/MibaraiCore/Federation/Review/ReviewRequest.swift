/// The body of a `review_request` entry (operator kind 69, protocol version 3): a person asked the
/// operator about the records held on them, the operator found these records through their tokens,
/// and asks each record's origin to review it by `deadline` (`Protocol/federation.md`, "Review
/// requests"). Nothing of the person is in it: no value, no token, only the records' keys (origin
/// and publication id), which every node already holds, and what was asked.
public struct ReviewRequest: Sendable, Hashable {
    public var id: ReviewRequestID
    public var kind: SubjectRequestKind
    /// The last day an origin may answer before its record is taken as disputed.
    public var deadline: LocalDate
    /// Strictly ascending by origin then publication id, 1 to `maxRecords`.
    public var records: [RecordKey]

    /// Records in one request at most: a person's matches across the federation, every epoch.
    public static let maxRecords = 64

    /// Sorts the records and drops repeats.
    public init(id: ReviewRequestID, kind: SubjectRequestKind, deadline: LocalDate, records: [RecordKey]) {
        self.id = id
        self.kind = kind
        self.deadline = deadline
        self.records = Array(Set(records)).sorted()
    }

    /// As decoded: `records` kept exactly as given (the decoder checks the order).
    init(id: ReviewRequestID, kind: SubjectRequestKind, deadline: LocalDate, decodedRecords: [RecordKey]) {
        self.id = id
        self.kind = kind
        self.deadline = deadline
        self.records = decodedRecords
    }

    /// The records the request names of one origin.
    public func records(of origin: NodeID) -> [ReportID] { records.filter { $0.origin == origin }.map(\.id) }
}
