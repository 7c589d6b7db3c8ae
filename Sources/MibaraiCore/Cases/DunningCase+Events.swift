extension DunningCase {
    /// Adds an event the shop logged. Contacts without a stage take the rung the schedule
    /// suggests. Returns what the caller should do (offer a report, update the report, closed).
    /// Throws, changing nothing, if the event cannot have happened or does not fit the case.
    public mutating func record(_ event: CaseEvent, today: LocalDate, policy: DunningPolicy) throws(CaseError) -> [CaseAction] {
        guard CaseEventKind.loggable.contains(event.kind) else { throw .notLoggable(event.kind) }
        if event.amountYen != nil, event.kind != .payment { throw .amountNotForKind }
        if event.promisedDate != nil, event.kind != .promiseToPay { throw .promisedDateNotForKind }
        try checkDate(event.date, today: today)
        var event = event
        if event.kind.isContact, let allowed = event.kind.stages {
            if let given = event.stage, !allowed.contains(given) { throw .stageNotForKind(event.kind, given) }
            event.stage = event.stage ?? defaultStage(for: event.kind, policy: policy).clamped(to: allowed)
        } else if event.stage != nil {
            throw .stageNotAContact
        }
        switch event.kind {
        case .payment:
            guard let amount = event.amountYen, amount > 0 else { throw .paymentNotPositive }
            guard amount <= outstandingYen else { throw .paymentTooLarge(outstanding: outstandingYen) }
        case .promiseToPay:
            guard let promised = event.promisedDate else { throw .promiseMissingDate }
            guard promised >= event.date else { throw .promiseInPast }
        default:
            break
        }
        let stageBefore = stage
        append(event)
        var actions: [CaseAction] = []
        if event.kind == .payment, outstandingYen == 0 {
            actions += close(.paid, on: event.date, note: nil)
        } else if event.kind == .payment, let id = reportID {
            actions.append(.setReportAmount(id, outstandingYen))
        } else if reportID == nil, let s = stage, s >= policy.reportStage, stageBefore.map({ $0 < policy.reportStage }) ?? true {
            actions.append(.offerReport(amountYen: outstandingYen))
        }
        return actions
    }

    /// Closes the case. A linked report follows: paid → paid, settled → settled.
    public mutating func close(_ outcome: CaseOutcome, date: LocalDate, today: LocalDate, note: String?) throws(CaseError) -> [CaseAction] {
        try checkDate(date, today: today)
        if outcome == .paid, outstandingYen > 0 { throw .stillOwed(outstandingYen) }
        return close(outcome, on: date, note: note)
    }

    /// The report to publish for what this case still owes: refused before the report rung, when
    /// nothing is owed, or when the case already has one.
    public func reportToPublish(
        category: ReportCategory, policy: DunningPolicy, retention: RetentionPolicy, today: LocalDate
    ) throws(CaseError) -> Report {
        guard reportID == nil else { throw .alreadyReported }
        guard outcome == nil || outcome == .writtenOff else { throw .nothingOwed }
        guard outstandingYen > 0 else { throw .nothingOwed }
        guard let s = stage, s >= policy.reportStage else { throw .tooEarlyToReport(policy.reportStage) }
        if let opens = reportOpensOn(policy: policy), today < opens { throw .beforeDeadline(opens.adding(days: -1)) }
        // A refused parcel's loss arose the day it was refused; an unpaid price on its due date.
        let incident = min(order.refusedOn ?? dueDate(policy: policy), today)
        return Report(
            identity: identity, category: category, amountYen: outstandingYen, orderReference: order.reference,
            orderDate: order.orderDate, shipDate: order.shipDate, incidentDate: incident, status: .open,
            notes: "case \(number)", createdOn: today, expiresOn: retention.expiry(for: category, incident: incident)
        )
    }

    /// Links the report published for this case and records it in the timeline.
    public mutating func linkReport(_ id: ReportID, on date: LocalDate, today: LocalDate) throws(CaseError) {
        reportID = id
        // A written-off case keeps its timeline closed; the link is kept without an event.
        guard !isClosed else { return }
        try checkDate(date, today: today)
        append(CaseEvent(date: date, kind: .reportPublished, note: id.description))
    }

    /// The first day a report may be published: the day after the deadline of the first letter
    /// at or above the report rung (a firm notice gives the customer
    /// `firmNoticeDeadlineDays`, a 内容証明 `formalDemandDeadlineDays`), so nothing is shared
    /// before the customer has had the time the shop's own letter gave. Nil before that rung.
    public func reportOpensOn(policy: DunningPolicy) -> LocalDate? {
        guard let first = events.first(where: { $0.kind.isContact && ($0.stage.map { $0 >= policy.reportStage } ?? false) }),
              let stage = first.stage else { return nil }
        let days = switch stage {
        case .firmNotice: policy.firmNoticeDeadlineDays
        case .formalDemand: policy.formalDemandDeadlineDays
        default: 0
        }
        return first.date.adding(days: days + 1)
    }

    /// Whether the shop should now be offered to publish a report (the case stands at or above
    /// the report rung, unpaid, without one; ``reportOpensOn(policy:)`` says from when).
    public func shouldOfferReport(policy: DunningPolicy) -> Bool {
        guard !isClosed, reportID == nil, outstandingYen > 0, let s = stage else { return false }
        return s >= policy.reportStage
    }

    private mutating func close(_ outcome: CaseOutcome, on date: LocalDate, note: String?) -> [CaseAction] {
        append(CaseEvent(date: date, kind: .closed, outcome: outcome, note: note))
        var actions: [CaseAction] = [.closed(outcome)]
        if let id = reportID, let status = outcome.reportStatus { actions.append(.setReportStatus(id, status)) }
        return actions
    }

    private func checkDate(_ date: LocalDate, today: LocalDate) throws(CaseError) {
        guard !isClosed else { throw .closed }
        guard date <= today else { throw .dateInFuture }
        if date < openedOn { throw .beforeOpening(openedOn) }
        if let last = events.last?.date, date < last { throw .beforeLastEvent(last) }
        if let o = order.orderDate, date < o { throw .beforeOrder }
    }

    /// The rung a contact stands for when the shop does not say: the one the schedule suggests,
    /// or for a court filing or police report, that rung.
    private func defaultStage(for kind: CaseEventKind, policy: DunningPolicy) -> DunningStage {
        switch kind {
        case .courtFiling: return .legalAction
        case .policeReport: return .policeReport
        default: break
        }
        // A call that nobody answered is an attempt at the current rung, not a new one.
        if kind == .noAnswer, let s = stage { return s }
        return suggestedStage(policy: policy)
    }
}

extension DunningStage {
    func clamped(to range: ClosedRange<DunningStage>) -> DunningStage {
        self < range.lowerBound ? range.lowerBound : (self > range.upperBound ? range.upperBound : self)
    }
}
