extension LetterWriter {
    /// The phrases a letter is made of, computed once from the case.
    struct Fields {
        let customer: String
        let customerAddressLine: String
        let orderLine: String
        let orderSuffix: String
        let orderDateText: String
        let itemsText: String
        let shipText: String
        let trackingText: String
        let paymentMethodText: String
        let due: String
        let dueNextDay: String
        let amount: String
        let owed: String
        let owedPlain: String
        let paidText: String
        let payTo: String
        let signature: String
        let shopAddressLines: String
        let contactCount: Int
        let contactSummary: String
        let duePassed: String
        let formalDuePassed: String
        let demandHistory: String
        let historySentence: String
        let owedNoun: String
        let interestFrom: String
        let dueClause: String

        /// `stage`: the rung of the letter. Its history counts the demands the shop made to the
        /// customer (mails, letters, calls answered) on the rungs below it, so a letter says the same
        /// whenever it is printed again, and a filing or a police report is never counted as a
        /// demand.
        init(case c: DunningCase, shop: ShopProfile, policy: DunningPolicy, stage: DunningStage) {
            customer = c.identity.name ?? "ご注文者"
            customerAddressLine = [c.identity.postalCode.map { "〒\($0)" }, c.identity.address].compactMap { $0 }.joined(separator: "　")
            let ref = c.order.reference.map { "注文番号 \($0)" }
            if let d = c.order.orderDate {
                orderLine = "\(JapaneseDate.long(d))\(ref.map { "の\($0)" } ?? "")"
                orderDateText = JapaneseDate.long(d)
            } else {
                orderLine = ref ?? "先日"
                orderDateText = "先日"
            }
            orderSuffix = c.order.reference.map { " (注文番号 \($0))" } ?? ""
            itemsText = c.order.items ?? "商品"
            shipText = c.order.shipDate.map { "\(JapaneseDate.long($0))に" } ?? ""
            trackingText = c.order.trackingNumber.map { "（\(c.order.carrier ?? "配送業者")、追跡番号\($0)）" } ?? ""
            paymentMethodText = c.order.paymentMethod.map { "「\($0)」" } ?? "後払い"
            let dueDate = c.dueDate(policy: policy)
            due = JapaneseDate.long(dueDate)
            dueNextDay = JapaneseDate.long(dueDate.adding(days: 1))
            // A due date the order did not state is the shop's own rule: letters say so, and the
            // court draft counts interest from the first demand instead (民法412条3項).
            let stated = c.order.dueDate != nil
            duePassed = stated ? "お支払い期限の\(due)を過ぎましたが" : "ご注文から\(policy.paymentTermDays)日 (当店のお支払い期限) が過ぎましたが"
            formalDuePassed = stated ? "支払期限の\(due)を過ぎ、" : ""
            let contacts = c.events.filter { $0.kind.isDemand && ($0.stage ?? .inquiry) < stage }
            let answered = c.events.contains { [.reply, .promiseToPay, .payment].contains($0.kind) }
            switch contacts.count {
            case 0: demandHistory = ""
            case 1: demandHistory = "当店からの請求にもかかわらず、"
            default: demandHistory = "当店からの再三の請求にもかかわらず、"
            }
            historySentence = contacts.isEmpty
                ? "本日までにご入金を確認できておりません。"
                : "これまで\(contacts.count)回ご連絡いたしましたが、" + (answered ? "本日までにお支払いが完了しておりません。" : "本日までにご入金もご返答もいただけておりません。")
            owedNoun = c.paidYen > 0 ? "残金" : "代金"
            let firstDemand = contacts.first?.date
            if stated {
                interestFrom = JapaneseDate.long(dueDate.adding(days: 1))
                dueClause = "代金の支払期限は\(due)であった。"
            } else if let d = firstDemand {
                interestFrom = "\(JapaneseDate.long(d))の請求が相手方に到達した日の翌日"
                dueClause = "代金の支払期限の定めはなく、申立人は\(JapaneseDate.long(d))に相手方に支払いを請求した。"
            } else {
                interestFrom = "本申立書送達の日の翌日"
                dueClause = "代金の支払期限の定めはない。"
            }
            amount = LetterWriter.yenPlain(c.order.amountYen)
            owed = LookupResult.yen(c.outstandingYen) + (c.paidYen > 0 ? " (代金 \(LookupResult.yen(c.order.amountYen)) のうち \(LookupResult.yen(c.paidYen)) 入金済み)" : "")
            owedPlain = LetterWriter.yenPlain(c.outstandingYen)
            paidText = c.paidYen > 0 ? "内金\(LetterWriter.yenPlain(c.paidYen))を除く" : ""
            payTo = shop.bankAccount.map { "　お振込先: \($0)\n" } ?? ""
            shopAddressLines = [
                [shop.postalCode.map { "〒\($0)" }, shop.address].compactMap { $0 }.joined(separator: " "),
                [shop.phone.map { "TEL \($0)" }, shop.email].compactMap { $0 }.joined(separator: " "),
            ].filter { !$0.isEmpty }.joined(separator: "\n")
            signature = (["――――――――――", shop.name, shop.representative.map { "担当: \($0)" }]
                + [shop.phone.map { "TEL: \($0)" }, shop.email.map { "Mail: \($0)" }]).compactMap { $0 }.joined(separator: "\n")
            contactCount = contacts.count
            if let first = contacts.first, let last = contacts.last {
                contactSummary = first == last
                    ? "\(JapaneseDate.long(first.date))に"
                    : "\(JapaneseDate.long(first.date))から\(JapaneseDate.long(last.date))までの間に\(contacts.count)回にわたり"
            } else {
                contactSummary = ""
            }
        }
    }

    /// 12800 → 12,800円 (the written form letters use; ¥ is for tables).
    static func yenPlain(_ n: Int) -> String { LookupResult.grouped(UInt(max(0, n))) + "円" }
}
