extension LetterWriter {
    /// The 内容証明 and the court draft for a refused cash-on-delivery parcel (受取拒否). The goods
    /// came back, so the shop has no claim to the price; what it claims is the loss the refusal
    /// caused (the shipping both ways, the COD fee: the amount and breakdown the shop recorded).
    ///
    /// - The sale was made when the order was accepted (民法555条); the buyer who ordered cash on
    ///   delivery and refused the parcel without reason did not perform, and owes the damage that
    ///   caused (債務不履行による損害賠償, 民法415条1項). What the refusal added to the cost of
    ///   delivering (the return) falls on the one who refused to receive (民法413条2項).
    /// - Damages have no due date: the debtor is late from the day after a demand reaches them
    ///   (民法412条3項), so the court draft counts interest from the day after the court's papers
    ///   are served, a fixed event, at the statutory rate (民法404条, 年3%; 民法419条1項).
    func refusedParcelLetter(for stage: DunningStage, case c: DunningCase, fields f: Fields, today: LocalDate) -> Letter {
        let loss = c.order.lossDetail.map { "（内訳　\($0)）" } ?? ""
        let reference = c.order.reference.map { "（注文番号\($0)）" } ?? ""
        if stage == .formalDemand {
            return formalDemandLetter(title: "請求書", statement: """
                \(f.orderDateText)、貴殿は当店（\(shop.name)）に対し、\(f.itemsText)を代金引換で受け取る約束で注文し\(reference)、当店は\(f.shipText)これを発送しました。
                しかし、貴殿は\(f.refusedText)正当な理由なくその受取りを拒み、商品は当店に返送されました。
                これにより当店は、送料及び手数料として合計\(f.amount)の損害を被りました\(loss)。
                \(f.demandHistory)本日に至るまで\(f.paidText)\(f.owedNoun)\(f.owedPlain)が支払われていません。
                """, f, today: today)
        }
        return Letter(
            stage: .legalAction, medium: "memo",
            subject: "支払督促申立て・少額訴訟の要点 (下書き)",
            body: """
            \(Self.courtDraftHeading)
            (代金引換の受取拒否: 商品は戻っているため、請求するのは代金ではなく、受取拒否で生じた損害です)

            請求の趣旨 (少額訴訟)
            　相手方は、申立人に対し、金\(f.owedPlain)及びこれに対する訴状送達の日の翌日から支払済みまで年3パーセントの割合による金員を支払え。
            　訴訟費用は相手方の負担とする。
            　との判決並びに仮執行の宣言を求める。
            請求の趣旨 (支払督促)
            　1　金\(f.owedPlain)
            　2　上記金額に対する支払督促送達の日の翌日から支払済みまで年3パーセントの割合による遅延損害金
            　3　督促手続費用　金　　　円 (申立手数料と郵便費用。金額は裁判所で確認してください)
            　との支払督促を求める。
            　※年3パーセントは法定利率です (民法404条。3年ごとに見直され、遅延損害金には遅滞が始まった日の利率が適用されます: 民法419条1項)。
            　※損害賠償の債務は期限の定めのない債務で、請求を受けた日の翌日から遅滞となります (民法412条3項)。ここでは起算日を、裁判所の書類が相手方に届いた日 (送達の日) の翌日としています。

            請求の原因
            1　申立人は、\(f.orderDateText)、相手方から、\(f.itemsText)の注文を代金引換の方法で受け、これを売り渡した\(reference)。
            2　申立人は、\(f.shipText)上記商品を相手方あてに発送したが\(f.trackingText)、相手方は、\(f.refusedText)正当な理由なくその受取りを拒み、商品は申立人に返送された。
            3　相手方の上記債務不履行により、申立人は、送料及び手数料として合計\(f.amount)の損害を被った\(loss)。
            4　申立人は、\(f.contactSummary.isEmpty ? "" : f.contactSummary)その支払いを求めたが、相手方は\(f.paidText)\(f.owedNoun)\(f.owedPlain)を支払わない。
            5　よって、申立人は、相手方に対し、債務不履行に基づく損害賠償として\(f.owedNoun)\(f.owedPlain)及びこれに対する送達の日の翌日から支払済みまで民法所定の年3パーセントの割合による遅延損害金の支払いを求める。

            添付する証拠: 注文の記録 (代金引換の指定)、発送と返送の記録 (追跡番号・受取拒否の記録)、送料と手数料の明細、請求の経緯を記録した書面、内容証明郵便の謄本と配達証明書
            申立先: 支払督促は相手方の住所地を管轄する簡易裁判所の書記官 (民事訴訟法383条)。少額訴訟 (60万円以下、同じ簡易裁判所に年10回まで) は、相手方の住所地か、支払いをすべき場所 (金銭は申立人の住所地: 民法484条1項) を管轄する簡易裁判所 (民事訴訟法5条1号)。
            """,
            deadline: nil
        )
    }
}
