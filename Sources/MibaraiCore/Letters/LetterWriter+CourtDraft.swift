extension LetterWriter {
    /// The court rung: the points of a 支払督促 application or a 少額訴訟 complaint, consistent
    /// with the shop's own letters (the same due date, amount, payments and demands), with the
    /// rule each part rests on. A draft to copy into the court's form, not a filing.
    ///
    /// - 請求の趣旨: the operative words, the fixed day interest starts (the day after the due
    ///   date, 民法412条1項), the statutory rate (民法404条, 年3% since 2020-04-01, reviewed every
    ///   three years; the rate of the day the default began applies, 民法419条1項) and costs.
    /// - 請求の原因: the sale (民法555条), delivery (引渡し), the due date, the demands.
    /// - Where: a 支払督促 goes to the clerk of the summary court of the debtor's address
    ///   (民事訴訟法383条); a 少額訴訟 (up to ¥600,000, 民事訴訟法368条) to a summary court of the
    ///   debtor's address or of the place of payment, which for money is the creditor's address
    ///   (民事訴訟法5条1号, 民法484条1項).
    func courtDraft(case c: DunningCase, fields f: Fields) -> Letter {
        let reference = c.order.reference.map { "（注文番号\($0)）" } ?? ""
        let unstatedNote = c.order.dueDate == nil
            ? "\n　※販売条件に支払期限を定めていないときは、支払期限の定めのない債務として、請求を受けた日の翌日から遅延損害金が生じます (民法412条3項)。その場合は起算日を\(f.firstDemandText.map { "最初の請求 (\($0)) が届いた日の翌日" } ?? "支払督促の送達の日の翌日")としてください。"
            : ""
        return Letter(
            stage: .legalAction, medium: "memo",
            subject: "支払督促申立て・少額訴訟の要点 (下書き)",
            body: """
            \(Self.courtDraftHeading)

            請求の趣旨 (少額訴訟)
            　相手方は、申立人に対し、金\(f.owedPlain)及びこれに対する\(f.interestFrom)から支払済みまで年3パーセントの割合による金員を支払え。
            　訴訟費用は相手方の負担とする。
            　との判決並びに仮執行の宣言を求める。
            請求の趣旨 (支払督促)
            　1　金\(f.owedPlain)
            　2　上記金額に対する\(f.interestFrom)から支払済みまで年3パーセントの割合による遅延損害金
            　3　督促手続費用　金　　　円 (申立手数料と郵便費用。金額は裁判所で確認してください)
            　との支払督促を求める。
            　※年3パーセントは法定利率です (民法404条。3年ごとに見直され、遅延損害金には遅滞が始まった日の利率が適用されます: 民法419条1項)。\(unstatedNote)

            請求の原因
            1　申立人は、\(f.orderDateText)、相手方に対し、\(f.itemsText)を代金\(f.amount)で売り渡した\(reference)。
            2　申立人は、\(f.shipText)上記商品を相手方に発送し\(f.trackingText)、\(f.deliveredText)相手方に引き渡した。
            3　\(f.dueClause)
            4　申立人は、\(f.contactSummary.isEmpty ? "" : f.contactSummary)支払いを求めたが、相手方は\(f.paidText)\(f.owedNoun)\(f.owedPlain)を支払わない。
            5　よって、申立人は、相手方に対し、売買代金\(f.owedPlain)及びこれに対する支払期限の翌日である\(f.interestFrom)から支払済みまで民法所定の年3パーセントの割合による遅延損害金の支払いを求める。

            添付する証拠: 注文の記録、発送と配達の記録 (追跡番号・配達完了の日)、請求の経緯を記録した書面、内容証明郵便の謄本と配達証明書
            申立先: 支払督促は相手方の住所地を管轄する簡易裁判所の書記官 (民事訴訟法383条)。少額訴訟 (60万円以下、同じ簡易裁判所に年10回まで) は、相手方の住所地か、支払いをすべき場所 (金銭は申立人の住所地: 民法484条1項) を管轄する簡易裁判所 (民事訴訟法5条1号)。
            """,
            deadline: nil
        )
    }
}
