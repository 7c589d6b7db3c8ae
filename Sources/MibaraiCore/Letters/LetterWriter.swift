/// Fills the Japanese letter of each rung from a case. The wording moves from a polite check
/// (perhaps the payment crossed, perhaps it was forgotten) to a formal demand; none of it
/// threatens more than the shop can lawfully do.
public struct LetterWriter: Sendable {
    public var shop: ShopProfile
    public var policy: DunningPolicy

    public init(shop: ShopProfile, policy: DunningPolicy) {
        self.shop = shop
        self.policy = policy
    }

    /// The letter for `stage`, dated `today`.
    public func letter(for stage: DunningStage, case c: DunningCase, today: LocalDate) -> Letter {
        let f = Fields(case: c, shop: shop, policy: policy, stage: stage)
        if c.isRefusedDelivery, stage == .formalDemand || stage == .legalAction {
            return refusedParcelLetter(for: stage, case: c, fields: f, today: today)
        }
        switch stage {
        case .inquiry:
            return Letter(
                stage: stage, medium: "mail",
                subject: "【\(shop.name)】\(f.claimName)のお支払いについてのご確認\(f.orderSuffix)",
                body: """
                \(f.customer) 様

                いつも\(shop.name)をご利用いただき、誠にありがとうございます。

                \(f.inquiryFacts)

                　未払い金額: \(f.owed)
                \(f.payTo)
                お手続きがお済みでしたら、行き違いとなりましたことをお詫び申し上げます。
                お支払いをお忘れの場合は、お手数ですがご確認のうえお手続きをお願いいたします。
                ご不明な点がございましたら、本メールにご返信ください。

                \(f.signature)
                """,
                deadline: nil
            )
        case .reminder:
            return reminder(case: c, fields: f, today: today)
        case .firmNotice:
            let deadline = today.adding(days: policy.firmNoticeDeadlineDays)
            return Letter(
                stage: stage, medium: "letter",
                subject: "\(f.claimName)の最終ご請求\(f.orderSuffix)",
                body: """
                \(JapaneseDate.long(today))

                \(f.customer) 様

                \(shop.name)
                \(f.shopAddressLines)

                最終ご請求書

                前略　\(f.claimTopic)につき、\(f.historySentence)

                　未払い金額: \(f.owed)
                　最終お支払い期限: \(JapaneseDate.long(deadline))
                \(f.payTo)
                上記期限までにお支払いまたはご連絡がない場合は、誠に不本意ながら、
                内容証明郵便による督促のうえ、支払督促の申立て等の法的手続きに移行いたします。
                その場合は、法定利率による遅延損害金もあわせてご請求いたします。

                本書と行き違いでお支払いいただいた場合は、何卒ご容赦ください。

                草々

                以上
                """,
                deadline: deadline
            )
        case .formalDemand:
            return formalDemandLetter(title: "督促状", statement: """
                \(f.orderDateText)、貴殿は当店（\(shop.name)）に対し、\(f.itemsText)を代金\(f.amount)で注文し、当店は\(f.shipText)これを発送し\(f.deliveredText.isEmpty ? "ました" : "、\(f.deliveredText)貴殿に引き渡しました")。
                しかし、\(f.formalDuePassed)\(f.demandHistory)本日に至るまで\(f.paidText)\(f.owedNoun)\(f.owedPlain)が支払われていません。
                """, f, today: today)
        case .legalAction:
            return courtDraft(case: c, fields: f)
        case .policeReport:
            return policeMemo(case: c, fields: f)
        }
    }
}
