/// A shop's own damage on a case, in the form it shares with another shop.
extension SharedDamage {
    /// The case's amount and payments, the incident's day (the report's, else the order's, else the
    /// day the case was opened), and each ladder stage with the day a contact first reached it.
    public init(case c: DunningCase, publication: ReportID, category: ReportCategory, incident: LocalDate?) {
        var first: [DunningStage: LocalDate] = [:]
        for e in c.events where e.kind.isContact {
            guard let stage = e.stage else { continue }
            if first[stage].map({ e.date < $0 }) ?? true { first[stage] = e.date }
        }
        self.init(publication: publication, category: category, amountYen: c.order.amountYen, paidYen: min(c.paidYen, c.order.amountYen),
                  incident: incident ?? c.order.orderDate ?? c.openedOn,
                  steps: first.keys.sorted().map { Step(stage: $0, day: first[$0]!) })
    }
}
