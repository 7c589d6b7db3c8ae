import MibaraiCore
import MibaraiStore

extension Node {
    /// What a shop says of an unpaid order when it opens a case.
    public struct CaseDraft: Sendable {
        /// The customer; empty when the case starts from a report (`fromReport`).
        public var identity: Identity
        public var order: CaseOrder
        /// Default: today.
        public var openedOn: LocalDate?
        public var deliberate: Bool
        /// A report's id (or unique prefix) whose customer and order start the case.
        public var fromReport: String?
        public var note: String?

        public init(identity: Identity, order: CaseOrder, openedOn: LocalDate? = nil, deliberate: Bool = false,
                    fromReport: String? = nil, note: String? = nil) {
            self.identity = identity
            self.order = order
            self.openedOn = openedOn
            self.deliberate = deliberate
            self.fromReport = fromReport
            self.note = note
        }
    }

    /// Opens a case: from the customer given, or from a report's customer and order (its order
    /// fields fill those left out); validated and stored with its number.
    public func openCase(_ draft: CaseDraft) throws(NodeError) -> DunningCase {
        var identity = draft.identity
        var order = draft.order
        var reportID: ReportID?
        if let fromReport = draft.fromReport {
            guard identity.isEmpty else {
                throw .usage(ja: "--from-report と顧客情報は同時に指定できません。", en: "--from-report cannot be combined with the customer's details.")
            }
            let report = try findReport(fromReport)
            guard report.status != .withdrawn else {
                throw .data(ja: "取り下げた報告からは案件を開始できません。", en: "a withdrawn report cannot start a case.")
            }
            identity = report.identity
            order.reference = order.reference ?? report.orderReference
            order.orderDate = order.orderDate ?? report.orderDate
            order.shipDate = order.shipDate ?? report.shipDate
            reportID = report.id
        }
        guard !identity.isEmpty else {
            throw .usage(ja: "顧客の情報 (--name, --address など、--stdin、または --from-report) を指定してください。",
                         en: "give the customer's details (--name, --address, …, --stdin, or --from-report).")
        }
        let c = DunningCase(identity: identity, order: order, openedOn: draft.openedOn ?? today, flaggedDeliberate: draft.deliberate,
                            reportID: reportID, note: draft.note)
        do throws(CaseError) { try c.validateOpening(today: today) } catch { throw .data(error.message) }
        do throws(StoreError) { return try database.openCase(c) } catch { throw .store(error) }
    }

    /// Logs what happened in a case (a letter sent, a call, a promise, a payment …) and carries
    /// out what it asks for (a linked report's status or amount), in one transaction.
    public func logCaseEvent(_ number: Int, _ event: CaseEvent) throws(NodeError) -> (DunningCase, [CaseAction]) {
        var c = try findCase(number)
        let actions: [CaseAction]
        do throws(CaseError) { actions = try c.record(event, today: today, policy: dunning) } catch {
            throw error.isUsage ? .usage(ja: error.message.ja, en: error.message.en) : .data(error.message)
        }
        return (try commit(c, actions: actions), actions)
    }

    /// Closes a case with its outcome; a linked report's status follows, in one transaction.
    public func closeCase(_ number: Int, outcome: CaseOutcome, on day: LocalDate?, note: String?) throws(NodeError) -> (DunningCase, [CaseAction]) {
        var c = try findCase(number)
        let actions: [CaseAction]
        do throws(CaseError) { actions = try c.close(outcome, date: day ?? today, today: today, note: note) } catch { throw .data(error.message) }
        return (try commit(c, actions: actions), actions)
    }

    /// The cases, open ones only unless `includeClosed`.
    public func cases(includeClosed: Bool = false) throws(NodeError) -> [DunningCase] {
        do throws(StoreError) { return try database.cases(includeClosed: includeClosed) } catch { throw .store(error) }
    }

    /// The open cases, and those with a next rung due today (or every next rung, with `all`),
    /// soonest first.
    public func dueCases(all: Bool = false) throws(NodeError) -> (open: [DunningCase], due: [(DunningCase, NextStep)]) {
        let open = try cases()
        let due = open.compactMap { c in c.nextStep(policy: dunning).map { (c, $0) } }
            .filter { all || $0.1.isDue(on: today) }
            .sorted { ($0.1.due, $0.0.number) < ($1.1.due, $1.0.number) }
        return (open, due)
    }
}
