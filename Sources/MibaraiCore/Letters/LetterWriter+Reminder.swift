extension LetterWriter {
    /// The reminder mail. Each one says what happened since the last: a part payment (thanked,
    /// and the rest asked for), a promise whose date passed, calls that were not answered; from
    /// the third notice on they say which notice it is (counting every demand day, the inquiry
    /// too, as the firm notice's count does), and the last reminder says what follows.
    func reminder(case c: DunningCase, fields f: Fields, today: LocalDate) -> Letter {
        // The day before the next reminder falls due.
        let deadline = today.adding(days: max(1, policy.reminderIntervalDays - 1))
        let earlier = Set(c.events.filter { $0.kind.isDemand && $0.stage == .reminder && $0.date < today }.map(\.date)).count
        // The customer counts every demand, the inquiry too: the second reminder is the third
        // notice they receive, as the firm notice's count of contacts will say. By day, as there.
        let nth = Set(c.events.filter { $0.kind.isDemand && $0.date < today }.map(\.date)).count + 1
        var facts: [String] = []
        let payments = c.events.filter { $0.kind == .payment }
        if let last = payments.last {
            facts.append("\(JapaneseDate.long(last.date))に\(LetterWriter.yenPlain(c.paidYen))のご入金を確認いたしました。誠にありがとうございます。")
            facts.append("残金\(f.owedPlain)のご入金が、本日時点で確認できておりません。")
        } else if earlier == 0 {
            facts.append("先日もご連絡いたしました\(f.claimTopic)について、")
            facts.append("本日時点でご入金を確認できておりません。")
        } else {
            facts.append("\(f.claimTopic)について、\(nth)回目のご案内となりますが、")
            facts.append("本日時点でご入金を確認できておりません。")
        }
        if let promise = c.events.last(where: { $0.kind == .promiseToPay }), let day = promise.promisedDate, day < today,
           !payments.contains(where: { $0.date >= promise.date }) {
            facts.append("\(JapaneseDate.long(day))までにお支払いいただけるとのご連絡をいただきましたが、その後のご入金を確認できておりません。")
        }
        let calls = c.events.filter { $0.kind == .noAnswer && $0.date <= today }
        if let call = calls.last {
            facts.append("\(JapaneseDate.long(call.date))にお電話を差し上げましたが、つながりませんでした。")
        }
        let next = earlier + 1 >= policy.reminderCount
            ? "\n上記期限までにお支払いもご連絡もない場合は、書面にて最終のご請求をお送りすることになります。"
            : ""
        return Letter(
            stage: .reminder, medium: "mail",
            subject: "【\(shop.name)】【\(nth == 1 ? "ご案内" : nth == 2 ? "再度のご案内" : "\(nth)回目のご案内")】\(f.claimName)のお支払いのお願い\(f.orderSuffix)",
            body: """
            \(f.customer) 様

            \(shop.name)でございます。
            \(facts.joined(separator: "\n"))

            　未払い金額: \(f.owed)
            　お支払い期限: \(JapaneseDate.long(deadline))
            \(f.payTo)
            上記期限までにお支払いくださいますよう、お願い申し上げます。
            お支払いが難しいご事情がある場合は、お支払い予定日をお知らせください。\(next)
            本メールと行き違いでお支払いいただいた場合は、何卒ご容赦ください。

            \(f.signature)
            """,
            deadline: deadline
        )
    }
}
