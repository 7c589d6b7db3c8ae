/// One dated entry in a case's timeline. Events are kept in the order they happened; `seq` is
/// given by the store (0 until stored).
public struct CaseEvent: Sendable, Hashable, Codable {
    public var seq: Int
    public var date: LocalDate
    /// The time it happened, when the shop noted it (a call, a reply, a refused parcel).
    public var time: TimeOfDay?
    public var kind: CaseEventKind
    /// The rung of the ladder a contact stood for (nil for events that are not contacts).
    public var stage: DunningStage?
    /// Money received (`payment`), in yen.
    public var amountYen: Int?
    /// The date the customer promised to pay by (`promise`).
    public var promisedDate: LocalDate?
    /// How the case ended (`closed`).
    public var outcome: CaseOutcome?
    /// Free text kept on this node only: what was said, the letter's tracking number, …
    public var note: String?

    public init(
        seq: Int = 0, date: LocalDate, kind: CaseEventKind, stage: DunningStage? = nil, amountYen: Int? = nil,
        promisedDate: LocalDate? = nil, outcome: CaseOutcome? = nil, note: String? = nil, time: TimeOfDay? = nil
    ) {
        self.seq = seq
        self.date = date
        self.time = time
        self.kind = kind
        self.stage = stage
        self.amountYen = amountYen
        self.promisedDate = promisedDate
        self.outcome = outcome
        self.note = note
    }
}
