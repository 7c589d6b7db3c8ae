/// What a case needs next, and when.
public struct NextStep: Sendable, Hashable {
    public enum Advice: Sendable, Hashable {
        /// Take this rung of the ladder (send the letter, make the call, file).
        case contact(DunningStage)
        /// Follow the court or police procedure already started; review on the due date.
        case followUp(DunningStage)
        /// What is still owed is smaller than the cost of the next rung: consider writing it off.
        case considerWriteOff(DunningStage)
    }

    public var advice: Advice
    /// The day the step is due (it may be in the past).
    public var due: LocalDate
    /// Why: a bilingual sentence with dates and amounts, never personal data.
    public var reason: Localized

    public init(advice: Advice, due: LocalDate, reason: Localized) {
        self.advice = advice
        self.due = due
        self.reason = reason
    }

    public func isDue(on today: LocalDate) -> Bool { due <= today }

    /// Days past the due date (0 when not yet due).
    public func daysOverdue(on today: LocalDate) -> Int { max(0, today.daysSinceEpoch - due.daysSinceEpoch) }

    /// The rung this step is about.
    public var stage: DunningStage {
        switch advice {
        case .contact(let s), .followUp(let s), .considerWriteOff(let s): s
        }
    }
}
