extension DunningCase {
    /// What to do next and when, or nil for a closed case.
    public func nextStep(policy: DunningPolicy) -> NextStep? {
        guard !isClosed else { return nil }
        let owed = LookupResult.yen(outstandingYen)
        // Unanswered calls are attempts: they neither restart the clock nor count as a reminder.
        guard let current = stage, let lastContact = (events.last(where: { $0.kind.isContact && $0.kind != .noAnswer })
            ?? events.last(where: { $0.kind.isContact }))?.date else {
            // A refused parcel's loss is there from the day it was refused; a price from its due date.
            let from = order.refusedOn ?? dueDate(policy: policy)
            let due = from.adding(days: policy.inquiryGraceDays)
            return promised(
                NextStep(
                    advice: .contact(.inquiry), due: max(due, openedOn),
                    reason: order.refusedOn == nil
                        ? Localized(
                            ja: "目安は支払期限 \(from) の \(policy.inquiryGraceDays) 日後。未払い \(owed)。",
                            en: "Due \(policy.inquiryGraceDays) days after the payment deadline \(from); \(owed) unpaid."
                        )
                        : Localized(
                            ja: "目安は代金引換の受取拒否 (\(from)) の \(policy.inquiryGraceDays) 日後。受取拒否による損害 \(owed) が未払い。",
                            en: "Due \(policy.inquiryGraceDays) days after the cash-on-delivery parcel was refused on \(from); its loss of \(owed) is unpaid."
                        )
                ),
                policy: policy
            )
        }
        let step: NextStep
        switch current {
        case .inquiry, .reminder:
            // Reminders are counted by day: a mail and a call on one day are one reminder.
            let reminders = Set(events.filter { $0.kind.isContact && $0.kind != .noAnswer && $0.stage == .reminder }.map(\.date)).count
            let next: DunningStage = reminders < policy.reminderCount ? .reminder : .firmNotice
            let count = next == .reminder ? "\(reminders + 1)/\(policy.reminderCount)" : ""
            // "Unanswered" only when the customer never answered (a reply, a promise, a part payment).
            let answered = events.contains { [.reply, .promiseToPay, .payment].contains($0.kind) }
            let done = answered
                ? Localized(ja: "再請求 \(policy.reminderCount) 回、応答はあったが未払い。", en: "\(policy.reminderCount) reminders; answered, still unpaid.")
                : Localized(ja: "再請求 \(policy.reminderCount) 回に応答なし。", en: "\(policy.reminderCount) reminders unanswered.")
            step = NextStep(
                advice: .contact(next), due: lastContact.adding(days: policy.reminderIntervalDays),
                reason: Localized(
                    ja: "目安は前回の連絡 \(lastContact) の \(policy.reminderIntervalDays) 日後。\(next == .reminder ? "再請求 \(count)。" : done.ja)未払い \(owed)。",
                    en: "Due \(policy.reminderIntervalDays) days after the last contact on \(lastContact). \(next == .reminder ? "Reminder \(count)." : done.en) \(owed) unpaid."
                )
            )
        case .firmNotice:
            let due = lastContact.adding(days: policy.formalDemandAfterDays)
            step = outstandingYen >= policy.formalDemandMinimumYen
                ? NextStep(
                    advice: .contact(.formalDemand), due: due,
                    reason: Localized(
                        ja: "最終通告 (\(lastContact)) の期限を過ぎても未払い \(owed)。",
                        en: "\(owed) still unpaid after the firm notice of \(lastContact) and its deadline."
                    ))
                : writeOff(.formalDemand, due: due, minimum: policy.formalDemandMinimumYen)
        case .formalDemand:
            let due = lastContact.adding(days: policy.legalActionAfterDays)
            if policeReportFits, outstandingYen >= policy.policeReportMinimumYen {
                step = NextStep(
                    advice: .contact(.policeReport), due: due,
                    reason: Localized(
                        ja: "内容証明 (\(lastContact)) 後も未払い \(owed)。書面の返送など詐欺の疑いがあるため、被害届を検討してください。",
                        en: "\(owed) unpaid after the formal demand of \(lastContact), and the case looks deliberate (a returned letter): consider a police report."
                    ))
            } else if outstandingYen >= policy.legalActionMinimumYen {
                step = NextStep(
                    advice: .contact(.legalAction), due: due,
                    reason: Localized(
                        ja: "内容証明 (\(lastContact)) の期限を過ぎても未払い \(owed)。支払督促または少額訴訟 (60万円以下) を検討してください。",
                        en: "\(owed) unpaid after the formal demand of \(lastContact) and its deadline: consider a payment order or a small-claims suit (up to ¥600,000)."
                    ))
            } else {
                step = writeOff(.legalAction, due: due, minimum: policy.legalActionMinimumYen)
            }
        case .legalAction:
            if policeReportFits, outstandingYen >= policy.policeReportMinimumYen {
                step = NextStep(
                    advice: .contact(.policeReport), due: lastContact.adding(days: policy.legalActionAfterDays),
                    reason: Localized(
                        ja: "裁判所の手続き (\(lastContact)) 後も未払い \(owed)、詐欺の疑いあり。被害届を検討してください。",
                        en: "\(owed) unpaid after the court step of \(lastContact), and the case looks deliberate: consider a police report."
                    ))
            } else {
                step = NextStep(
                    advice: .followUp(.legalAction), due: lastContact.adding(days: 30),
                    reason: Localized(
                        ja: "裁判所の手続き中 (\(lastContact) 申立て)。30日ごとに進み具合を確認してください。",
                        en: "The court procedure is under way (filed \(lastContact)): review it every 30 days."
                    ))
            }
        case .policeReport:
            step = NextStep(
                advice: .followUp(.policeReport), due: lastContact.adding(days: 30),
                reason: Localized(
                    ja: "被害届を提出済み (\(lastContact))。警察からの連絡を待ち、30日ごとに確認してください。",
                    en: "A police report was filed on \(lastContact): wait for the police and review every 30 days."
                ))
        }
        return promised(step, policy: policy)
    }

    /// The rung a contact made now would stand for.
    public func suggestedStage(policy: DunningPolicy) -> DunningStage {
        nextStep(policy: policy)?.stage ?? stage ?? .inquiry
    }

    /// The latest promise holds the ladder until the promised date plus the grace days, even if
    /// the shop called in between (a courtesy reminder does not cancel it); then the rung is due.
    private func promised(_ step: NextStep, policy: DunningPolicy) -> NextStep {
        guard case .contact(let s) = step.advice,
              let promise = events.last(where: { $0.kind == .promiseToPay }), let until = promise.promisedDate
        else { return step }
        let due = until.adding(days: policy.promiseGraceDays + 1)
        guard due > step.due else { return step }
        return NextStep(
            advice: .contact(s), due: due,
            reason: Localized(
                ja: "\(promise.date) に「\(until) までに支払う」と約束。\(policy.promiseGraceDays) 日待っても入金がなければ「\(s.label.ja)」へ。",
                en: "On \(promise.date) the customer promised to pay by \(until); if nothing arrives \(policy.promiseGraceDays) days after that, \(s.label.en)."
            )
        )
    }

    private func writeOff(_ stage: DunningStage, due: LocalDate, minimum: Int) -> NextStep {
        NextStep(
            advice: .considerWriteOff(stage), due: due,
            reason: Localized(
                ja: "未払い \(LookupResult.yen(outstandingYen)) は「\(stage.label.ja)」の目安 \(LookupResult.yen(minimum)) 未満です。費用に見合わないため、貸倒れ処理 (case close --outcome written-off) を検討してください。",
                en: "\(LookupResult.yen(outstandingYen)) unpaid is below the \(LookupResult.yen(minimum)) at which \(stage.label.en) is worth its cost: consider writing it off (case close --outcome written-off)."
            )
        )
    }
}
