extension ScreeningResult {
    /// For an order to review or hold: a short call script the shop can read to the customer
    /// before it ships, asking only what the fired rules make worth confirming (the name and
    /// where it goes, how it is collected, who it is for, how many), then a line for the shop
    /// itself. Nil for an order that passes.
    ///
    /// The script never mentions reports or other shops: a match is for the shop to weigh, and
    /// telling the customer would disclose what other shops shared.
    public var confirmationCall: Localized? {
        guard decision != .pass else { return nil }
        let fired = Set(contributions.filter { $0.weight > 0 }.map(\.rule))
        var ja = ["お世話になっております。〇〇ショップの△△と申します。ご注文の内容を確認させていただきたく、お電話いたしました。",
                  "ご注文者様のお名前と、お届け先のご住所・お電話番号をお聞かせいただけますか。"]
        var en = ["Hello, this is △△ from ○○ shop. I'm calling to confirm your order.",
                  "May I have the name on the order, and the delivery address and phone number?"]
        if !fired.isDisjoint(with: [.postOfficeHold, .depotHold, .convenienceStorePickup, .forwardingService, .nonResidential]) {
            ja.append("お届け先が郵便局・営業所・店頭などでのお受け取りになっていますが、どなたがいつ頃お受け取りになるご予定でしょうか。")
            en.append("The parcel is to be collected rather than delivered to a home: who will collect it, and when?")
        }
        if fired.contains(.billingShippingMismatch) {
            ja.append("ご注文者様とお届け先が異なりますが、贈り物でしょうか。お届け先の方のお名前もお願いいたします。")
            en.append("The order goes to someone else: is it a gift? May I have the recipient's name as well?")
        }
        if fired.contains(.kanaMismatch) {
            ja.append("お名前の読み方を教えていただけますか。")
            en.append("How is your name read?")
        }
        if !fired.isDisjoint(with: [.highValueBasket, .singleOfSet, .quantitySpike]) {
            ja.append("ご注文の商品と数量は、このままでお間違いないでしょうか。")
            en.append("Are the items and quantities as you ordered them?")
        }
        if fired.contains(.newCustomerPayLater) {
            ja.append("お支払い方法 (後払い・代金引換) とお支払い期限についてもご確認ください。")
            en.append("Please confirm the payment method (pay later or cash on delivery) and when payment is due.")
        }
        ja.append("ありがとうございました。確認が取れましたので、発送の手続きを進めます。")
        en.append("Thank you; with that confirmed, we will ship your order.")
        let note = Localized(
            ja: "(店舗の方へ: 他店の報告や点数のことはお客様に伝えないでください。つながらない・答えが合わない場合は、前払い (銀行振込・カード) への変更をお願いするか、発送を見合わせてください。詳しくは mibarai guide call。)",
            en: "(For the shop: do not mention reports or scores to the customer. If no one answers or the answers do not fit, ask for payment in advance (bank transfer, card) or hold the shipment. More: mibarai guide call.)"
        )
        return Localized(ja: (ja + [note.ja]).joined(separator: "\n"), en: (en + [note.en]).joined(separator: "\n"))
    }
}
