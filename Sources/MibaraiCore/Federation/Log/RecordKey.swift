/// A published record's key in a federation log: its origin and its report id (ids are chosen
/// by their origin, so two origins' ids never clash in a node's view).
public struct RecordKey: Sendable, Hashable {
    public let origin: NodeID
    public let id: ReportID

    public init(origin: NodeID, id: ReportID) {
        self.origin = origin
        self.id = id
    }
}
