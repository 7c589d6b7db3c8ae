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
        /// 「2026年10月3日に」, the day the parcel was delivered ("" when not recorded).
        let deliveredText: String
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
        /// What the letters ask for, as the object of 「…について」: the order's price, or for a
        /// refused cash-on-delivery parcel the costs its return caused.
        let claimTopic: String
        /// The same in a subject line.
        let claimName: String
        /// The inquiry's opening: the due date passed without payment, or the parcel came back.
        let inquiryFacts: String
        /// 「2026年10月5日に」, the day a cash-on-delivery parcel was refused ("" when unknown).
        let refusedText: String
        let interestFrom: String
        let dueClause: String
        /// The day of the first demand (mail, letter or answered call), if any.
        let firstDemandText: String?

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
            deliveredText = c.order.deliveredOn.map { "\(JapaneseDate.long($0))に" } ?? ""
            trackingText = c.order.trackingNumber.map { "（\(c.order.carrier ?? "配送業者")、追跡番号\($0)）" } ?? ""
            paymentMethodText = c.order.paymentMethod.map { "「\($0)」" } ?? "後払い"
            let dueDate = c.dueDate(policy: policy)
            due = JapaneseDate.long(dueDate)
            dueNextDay = JapaneseDate.long(dueDate.adding(days: 1))
            // A due date the order did not state is the shop's own rule: letters say so, and the
            // court draft counts interest from the first demand instead (民法412条3項).
            let stated = c.order.dueDate != nil
            duePassed = stated ? "お支払い期限の\(due)を過ぎましたが" : "ご注文から\(policy.paymentTermDays)日 (当店のお支払い期限) が過ぎましたが"
            formalDuePassed = stated ? "支払期限の\(due)を過ぎ、" : "当店の定める支払期限の\(due)を過ぎ、"
            let contacts = c.events.filter { $0.kind.isDemand && ($0.stage ?? .inquiry) < stage }
            let answered = c.events.contains { [.reply, .promiseToPay, .payment].contains($0.kind) }
            switch Set(contacts.map(\.date)).count {
            case 0: demandHistory = ""
            case 1: demandHistory = "当店からの請求にもかかわらず、"
            default: demandHistory = "当店からの再三の請求にもかかわらず、"
            }
            historySentence = contacts.isEmpty
                ? "本日までにご入金を確認できておりません。"
                : "これまで\(Set(contacts.map(\.date)).count)回ご連絡いたしましたが、" + (answered ? "本日までにお支払いが完了しておりません。" : "本日までにご入金もご返答もいただけておりません。")
            let refused = c.isRefusedDelivery
            owedNoun = c.paidYen > 0 ? "残金" : (refused ? "損害金" : "代金")
            refusedText = c.order.refusedOn.map { "\(JapaneseDate.long($0))に" } ?? ""
            // A refused parcel came back: the sale was not completed, so the letters ask for the
            // loss the refusal caused (民法415条1項), never for the price by a due date.
            claimTopic = refused
                ? "\(orderLine)のご注文で代金引換のお荷物をお受け取りいただけず、当店に返送されたことにより生じた送料・手数料"
                : "\(orderLine)のご注文代金"
            claimName = refused ? "代金引換のお荷物の返送にかかった送料・手数料" : "ご注文代金"
            inquiryFacts = refused
                ? "\(orderLine)のご注文につき、代金引換でお送りしたお荷物は、\(refusedText)お受け取りいただけないまま\n当店に返送されました。この返送により当店に生じた送料・手数料のお支払いをお願いいたします。"
                : "\(orderLine)のご注文代金について、\(duePassed)、\n現時点で当店にてご入金を確認できておりません。"
            // Every text of a case gives the same due date: the order's, or the shop's own term
            // counted from the order (the one its letters state). Interest runs from the next
            // day (民法412条1項), a fixed date.
            interestFrom = JapaneseDate.long(dueDate.adding(days: 1))
            dueClause = stated
                ? "代金の支払期限は\(due)であった。"
                : "代金の支払期限は、申立人の販売条件により、注文日から\(policy.paymentTermDays)日後の\(due)であった。"
            firstDemandText = contacts.first.map { JapaneseDate.long($0.date) }
            amount = LetterWriter.yenPlain(c.order.amountYen)
            let whole = refused ? "ご請求額" : "代金"
            owed = LookupResult.yen(c.outstandingYen)
                + (c.paidYen > 0 ? " (\(whole) \(LookupResult.yen(c.order.amountYen)) のうち \(LookupResult.yen(c.paidYen)) 入金済み)" : "")
                + (refused ? c.order.lossDetail.map { "\n　内訳: \($0)" } ?? "" : "")
            owedPlain = LetterWriter.yenPlain(c.outstandingYen)
            paidText = c.paidYen > 0 ? "内金\(LetterWriter.yenPlain(c.paidYen))を除く" : ""
            payTo = shop.bankAccount.map { "　お振込先: \($0)\n" } ?? ""
            shopAddressLines = [
                [shop.postalCode.map { "〒\($0)" }, shop.address].compactMap { $0 }.joined(separator: " "),
                [shop.phone.map { "TEL \($0)" }, shop.email].compactMap { $0 }.joined(separator: " "),
            ].filter { !$0.isEmpty }.joined(separator: "\n")
            signature = (["――――――――――", shop.name, shop.representative.map { "担当: \($0)" }]
                + [shop.phone.map { "TEL: \($0)" }, shop.email.map { "Mail: \($0)" }]).compactMap { $0 }.joined(separator: "\n")
            // Demands are counted by day: a letter and its copy by e-mail on one day are one demand.
            let days = Set(contacts.map(\.date)).count
            contactCount = days
            if let first = contacts.first, let last = contacts.last {
                contactSummary = first.date == last.date
                    ? "\(JapaneseDate.long(first.date))に"
                    : "\(JapaneseDate.long(first.date))から\(JapaneseDate.long(last.date))までの間に\(days)回にわたり"
            } else {
                contactSummary = ""
            }
        }
    }

    /// 12800 → 12,800円 (the written form letters use; ¥ is for tables).
    static func yenPlain(_ n: Int) -> String { LookupResult.grouped(UInt(max(0, n))) + "円" }
}
