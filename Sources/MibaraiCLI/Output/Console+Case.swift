import MibaraiCore

extension Console {
    /// One line per case: number, order, what is owed, and the next step.
    func caseLine(_ c: DunningCase, policy: DunningPolicy, today: LocalDate) {
        let ja = language == .ja
        let ref = c.order.reference.map { " \($0)" } ?? ""
        let owed = LookupResult.yen(c.outstandingYen)
        guard let step = c.nextStep(policy: policy) else {
            let outcome = c.outcome?.label.text(language) ?? ""
            print(ja ? "#\(c.number)\(ref)  終了 (\(outcome))" : "#\(c.number)\(ref)  closed (\(outcome))")
            return
        }
        let overdue = step.daysOverdue(on: today)
        let when = step.isDue(on: today)
            ? (overdue > 0 ? (ja ? "予定日 \(step.due) から\(overdue)日超過" : "\(overdue) days past \(step.due)") : (ja ? "今日" : "today"))
            : (ja ? "\(step.due) 予定" : "due \(step.due)")
        print("#\(c.number)\(ref)  \(ja ? "未払い" : "owed") \(owed)  → \(adviceText(step)) [\(when)]")
        print("    \(step.reason.text(language))")
        if c.shouldOfferReport(policy: policy) { offerReport(c, policy: policy, today: today) }
    }

    func adviceText(_ step: NextStep) -> String {
        let ja = language == .ja
        switch step.advice {
        case .contact(let s): return s.label.text(language)
        case .followUp(let s): return ja ? "\(s.label.ja)の経過確認" : "follow up the \(s.label.en)"
        case .considerWriteOff: return ja ? "貸倒れ処理を検討" : "consider writing it off"
        }
    }

    func offerReport(_ c: DunningCase, policy: DunningPolicy, today: LocalDate) {
        if let opens = c.reportOpensOn(policy: policy), today < opens {
            say(
                ja: "    この案件は未払いのまま「\(c.stage?.label.ja ?? "")」に達しました。お客様に示した期限が過ぎた \(opens) から、ブラインド化した報告を公開できます: mibarai case report \(c.number)",
                en: "    This case reached \(c.stage?.label.en ?? "") unpaid. From \(opens), once the deadline your letter gave has passed, you can publish a blinded report: mibarai case report \(c.number)"
            )
            return
        }
        say(
            ja: "    この案件は未払いのまま「\(c.stage?.label.ja ?? "")」に達しました。ブラインド化した報告を公開できます: mibarai case report \(c.number)",
            en: "    This case reached \(c.stage?.label.en ?? "") unpaid. You can publish a blinded report: mibarai case report \(c.number)"
        )
    }

    /// The whole case: order, amounts, timeline, next step.
    func caseDetail(_ c: DunningCase, policy: DunningPolicy, today: LocalDate) {
        let ja = language == .ja
        let i = c.identity
        let o = c.order
        let rows: [(String, String, String?)] = [
            ("案件", "case", "#\(c.number)"),
            ("開始日", "opened", c.openedOn.description),
            ("状態", "state", c.outcome.map { ja ? "終了 (\($0.label.ja))" : "closed (\($0.label.en))" } ?? (ja ? "対応中" : "open")),
            ("段階", "stage", c.stage?.label.text(language)),
            ("注文番号", "order ref", o.reference),
            ("注文日", "order date", o.orderDate?.description),
            ("商品", "items", o.items),
            ("支払方法", "payment", o.paymentMethod),
            ("支払期限", "due", c.isRefusedDelivery ? nil : c.dueDate(policy: policy).description),
            ("受取拒否", "refused on", o.refusedOn?.description),
            ("損害の内訳", "loss", o.lossDetail),
            ("発送日", "ship date", o.shipDate?.description),
            ("配達日", "delivered", o.deliveredOn?.description),
            ("配送", "carrier", [o.carrier, o.trackingNumber].compactMap { $0 }.joined(separator: " ").nilIfEmpty),
            ("請求額", "amount", LookupResult.yen(o.amountYen)),
            ("入金済み", "paid", LookupResult.yen(c.paidYen)),
            ("未払い残高", "outstanding", LookupResult.yen(c.outstandingYen)),
            ("報告ID", "report", c.reportID?.description),
            ("悪質", "deliberate", c.isDeliberate ? (ja ? "疑いあり" : "suspected") : nil),
            ("氏名", "name", i.name),
            ("フリガナ", "kana", i.nameKana),
            ("郵便番号", "postal code", i.postalCode),
            ("住所", "address", i.address),
            ("電話番号", "phone", i.phone),
            ("メール", "e-mail", i.email),
        ]
        for (j, e, v) in rows { if let v { print("\(ja ? j : e): \(v)") } }
        print(ja ? "時系列:" : "timeline:")
        for e in c.events {
            var parts = [e.date.description + (e.time.map { " \($0)" } ?? ""), e.kind.label.text(language)]
            if let s = e.stage { parts.append("[\(s.label.text(language))]") }
            if let a = e.amountYen { parts.append(LookupResult.yen(a)) }
            if let p = e.promisedDate { parts.append(ja ? "約束日 \(p)" : "promised \(p)") }
            if let out = e.outcome { parts.append(out.label.text(language)) }
            if let n = e.note { parts.append("— \(n)") }
            print("  " + parts.joined(separator: "  "))
        }
        if let step = c.nextStep(policy: policy) {
            print(ja ? "次: \(adviceText(step)) (\(step.due))" : "next: \(adviceText(step)) (\(step.due))")
            print("    \(step.reason.text(language))")
        }
        if c.shouldOfferReport(policy: policy) { offerReport(c, policy: policy, today: today) }
    }
}
