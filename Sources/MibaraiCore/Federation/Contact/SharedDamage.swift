/// One shop's loss on one report, as it shares it with another shop for a joint report to the
/// police: the category, the amount and what was paid of it, the incident's day, and the dunning
/// ladder it went through (each stage with the day it was first reached). No customer data.
public struct SharedDamage: Sendable, Hashable {
    /// A stage of the ladder and the day the shop first reached it.
    public struct Step: Sendable, Hashable {
        public var stage: DunningStage
        public var day: LocalDate

        public init(stage: DunningStage, day: LocalDate) {
            self.stage = stage
            self.day = day
        }
    }

    /// The sharing shop's publication of the report.
    public var publication: ReportID
    public var category: ReportCategory
    public var amountYen: Int
    public var paidYen: Int
    public var incident: LocalDate
    /// Strictly ascending by stage, at most one per stage.
    public var steps: [Step]

    public init(publication: ReportID, category: ReportCategory, amountYen: Int, paidYen: Int = 0,
                incident: LocalDate, steps: [Step] = []) {
        self.publication = publication
        self.category = category
        self.amountYen = amountYen
        self.paidYen = paidYen
        self.incident = incident
        self.steps = steps
    }

    /// What is still unpaid.
    public var outstandingYen: Int { max(0, amountYen - paidYen) }
}
