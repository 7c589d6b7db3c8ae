extension LetterWriter {
    /// What the shop must know before it sends the letter of `stage` for this case: the cases a
    /// letter cannot fit as it stands. Said to the shop, never printed in the letter.
    ///
    /// - A post-office or depot hold (局留め) is not the customer's address: a 内容証明 cannot be
    ///   delivered there, and a court cannot serve a 支払督促 or a complaint there (民事訴訟法103条:
    ///   service goes to the address, residence or place of business).
    /// - A refused cash-on-delivery parcel came back: the sale was not completed, so the claim is
    ///   the shop's loss (the shipping both ways, the COD fee), not the price. Said until the case
    ///   records the refusal (`CaseOrder.refusedOn`); then the letters claim the loss.
    /// - An order paid through a pay-later payment service: the service paid the shop and collects
    ///   from the customer itself; the shop must not dun.
    public func warnings(for stage: DunningStage, case c: DunningCase) -> [Localized] {
        var out: [Localized] = []
        let method = c.order.paymentMethod ?? ""
        if ["後払い決済", "後払いサービス", "NP後払い", "GMO後払い", "atone", "Paidy", "ペイディ", "後払い.com", "スコア後払い"]
            .contains(where: { method.lowercased().contains($0.lowercased()) }) {
            out.append(Localized(
                ja: "後払い決済サービスを通した注文です。代金は決済サービス会社が店舗に立て替え、お客様への請求も決済サービス会社が行います。店舗から督促せず、決済サービス会社に連絡してください。",
                en: "This order was paid through a pay-later payment service: the service paid the shop and collects from the customer itself. Do not dun the customer; contact the service."
            ))
        }
        // Once the refusal is recorded (--refused-on), the letters claim the loss themselves.
        if c.order.refusedOn == nil, ["代引", "代金引換", "着払い"].contains(where: method.contains) {
            out.append(Localized(
                ja: "代金引換の受取拒否なら、商品は店舗に戻っており、売買は完了していません。請求できるのは代金ではなく、往復の送料や代引き手数料などの実際の損害です。案件を開くときに受取拒否の日 (--refused-on) と損害の内訳 (--loss-detail) を指定し、請求額 (--amount) を損害の合計にすれば、文面は損害の請求になります。",
                en: "For a refused cash-on-delivery parcel the goods came back and the sale was not completed: the claim is the actual loss (shipping both ways, the COD fee), not the price. Open the case with the day it was refused (--refused-on), the breakdown (--loss-detail) and the loss as --amount, and the letters claim the loss."
            ))
        }
        let address = c.identity.address ?? ""
        if stage >= .formalDemand, stage != .policeReport,
           ["局留", "局止", "留置", "営業所留", "営業所止", "センター留"].contains(where: address.contains) {
            out.append(Localized(
                ja: "相手方の住所が郵便局・営業所留めです。局留めは相手の住所ではないため、内容証明は届けられず、支払督促や訴状も送達できません。相手の住所が分からなければ、弁護士に相談するか (弁護士会照会)、故意が疑われるなら警察に相談してください。",
                en: "The customer's address is a post-office or depot hold, which is not where they live: a 内容証明 cannot be delivered there, and a court cannot serve a payment order or a complaint there. Without the real address, ask a lawyer (who can make a bar-association inquiry), or the police when the order looks deliberate."
            ))
        }
        return out
    }
}
