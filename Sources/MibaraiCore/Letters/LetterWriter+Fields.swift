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

        init(case c: DunningCase, shop: ShopProfile, policy: DunningPolicy) {
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
            paymentMethodText = c.order.paymentMethod.map { "\($0)払い".replacingOccurrences(of: "払い払い", with: "払い") } ?? "後払い"
            let dueDate = c.dueDate(policy: policy)
            due = JapaneseDate.long(dueDate)
            dueNextDay = JapaneseDate.long(dueDate.adding(days: 1))
            amount = LetterWriter.yenPlain(c.order.amountYen)
            owed = LookupResult.yen(c.outstandingYen) + (c.paidYen > 0 ? " (ご請求 \(LookupResult.yen(c.order.amountYen)) のうち \(LookupResult.yen(c.paidYen)) 入金済み)" : "")
            owedPlain = LetterWriter.yenPlain(c.outstandingYen)
            paidText = c.paidYen > 0 ? "内金\(LetterWriter.yenPlain(c.paidYen))を除く" : ""
            payTo = shop.bankAccount.map { "　お振込先: \($0)\n" } ?? ""
            shopAddressLines = [
                [shop.postalCode.map { "〒\($0)" }, shop.address].compactMap { $0 }.joined(separator: " "),
                [shop.phone.map { "TEL \($0)" }, shop.email].compactMap { $0 }.joined(separator: " "),
            ].filter { !$0.isEmpty }.joined(separator: "\n")
            signature = (["――――――――――", shop.name, shop.representative.map { "担当: \($0)" }]
                + [shop.phone.map { "TEL: \($0)" }, shop.email.map { "Mail: \($0)" }]).compactMap { $0 }.joined(separator: "\n")
            let contacts = c.events.filter { $0.kind.isContact }
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
    static func yenPlain(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out + "円"
    }
}
