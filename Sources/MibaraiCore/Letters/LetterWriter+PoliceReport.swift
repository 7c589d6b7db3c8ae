extension LetterWriter {
    /// The police rung. For a case the shop marked deliberate (or whose letter came back), a memo
    /// for the consultation at the police station, framed as what a 後払い fraud is: goods
    /// obtained by deception (詐欺, 刑法246条1項), with the facts that bear on intent — for and
    /// against — as the record holds them. For any other case, a memo saying why the civil route
    /// fits and which steps it has: non-payment alone is not a crime, and the police treat it as a
    /// civil matter (民事不介入). A refused cash-on-delivery parcel came back: nothing was handed
    /// over, so there is no fraud of goods to report (刑法246条1項 needs property handed over),
    /// whatever the shop suspects; its claim is the loss, by the civil route.
    func policeMemo(case c: DunningCase, fields f: Fields) -> Letter {
        guard c.policeReportFits else {
            let why = c.isRefusedDelivery
                ? "代金引換のお荷物は受け取られないまま当店に戻っており、商品をだまし取られてはいません。\nそのため詐欺の被害にはあたらず、警察は通常、被害届を受理しません。請求できるのは、受取拒否で生じた送料・手数料の損害です。"
                : "この案件には、当初から支払うつもりがなかったこと (故意) をうかがわせる記録がありません。\n代金が支払われないこと自体は民事の問題で、それだけでは詐欺にあたらず、警察は通常、被害届を受理しません。"
            let later = c.isRefusedDelivery
                ? "受取拒否の記録 (追跡番号と返送の記録) と送料・手数料の明細を、請求の証拠として保管してください。"
                : "偽の氏名や住所、請求書面の返送、連絡の途絶、同じ手口での他店の被害など、故意をうかがわせる事実が\n分かったときは、その事実を記録してから、もう一度この書面を作ってください。"
            return Letter(
                stage: .policeReport, medium: "memo",
                subject: "被害届の前に: 民事の手続きが向いています",
                body: """
                被害届の前に: 民事の手続きが向いています

                \(why)

                次の手続きで請求してください。
                　1. 内容証明郵便による督促 (まだであれば)
                　2. 支払督促: 書類審査だけで進みます。相手方の住所地の簡易裁判所の書記官に申し立てます (民事訴訟法383条)。
                　3. 少額訴訟: 60万円以下の金銭の請求で、原則1回の審理で終わります (民事訴訟法368条・370条)。
                　要点の下書きは「支払督促・少額訴訟」の段階の書面にあります。

                \(later)
                """,
                deadline: nil
            )
        }
        let signs = warningSigns(c)
        let conduct = customerConduct(c)
        let place = c.order.orderDate.map { "\(JapaneseDate.long($0))、" } ?? ""
        let shipped = (c.order.shipDate.map { "\(JapaneseDate.long($0))に発送\(f.trackingText)" } ?? "発送 (日付を記入)")
            + (c.order.deliveredOn.map { "、\(JapaneseDate.long($0))に配達完了" } ?? "")
        let identity = [c.identity.name, c.identity.postalCode.map { "〒\($0)" }, c.identity.address, c.identity.phone, c.identity.email]
            .compactMap { $0 }.joined(separator: "　")
        return Letter(
            stage: .policeReport, medium: "memo",
            subject: "被害届の相談メモ (下書き)",
            body: """
            被害届の相談メモ (下書き)

            相談の内容
            　代金を支払う意思がないのに、支払うように装って\(f.paymentMethodText)で商品を注文し、当店に商品を発送させた疑い
            　(詐欺、刑法246条1項)。支払いの遅れだけでは詐欺になりません。下の「故意をうかがわせる事実」が判断の材料です。

            被害の日時・場所
            　注文: \(place)\(shop.name)の通信販売で受付\(f.orderSuffix)
            　交付: \(shipped)
            被害品: \(f.itemsText) (販売価格 \(f.amount))
            未回収: \(f.owedPlain)\(c.paidYen > 0 ? " (内金\(LetterWriter.yenPlain(c.paidYen))を受領)" : "")

            注文者が名乗った氏名・住所・連絡先 (注文の記載のまま)
            　\(identity)

            故意をうかがわせる事実 (記録にあるもの)
            \(signs.isEmpty ? "　(記録にありません。あれば書き加えてください)" : signs.map { "　- \($0)" }.joined(separator: "\n"))

            相手方の対応 (故意を否定する方向の事実も、そのまま伝えてください)
            \(conduct.isEmpty ? "　- 請求に対する返答・支払いの約束・入金はありません。" : conduct.map { "　- \($0)" }.joined(separator: "\n"))
            請求の経緯: \(f.contactSummary.isEmpty ? "記録なし" : "\(f.contactSummary)請求")

            持参するもの: 注文の記録 (注文日時と、あればアクセス記録・IPアドレス)、発送・配達の記録、請求の経緯を
            記録した書面、返送された書面、相手方とのやり取り、商品の価格が分かるもの
            相談先: 店舗の所在地を管轄する警察署の刑事課 (知能犯係) または生活安全課。先に警察相談専用電話 #9110 で
            相談し、日時を予約すると円滑です。

            届出人: \(shop.name)　\(shop.representative ?? "")　\(shop.phone ?? "")
            """,
            deadline: nil
        )
    }

    /// Facts in the record that suggest the customer never meant to pay.
    private func warningSigns(_ c: DunningCase) -> [String] {
        var out: [String] = []
        if c.flaggedDeliberate { out.append("当店が、注文の時点で不審な点があると記録した (偽名・転売目的の疑いなど)") }
        let address = c.identity.address ?? ""
        if ["局留", "局止", "留置", "営業所留", "営業所止", "センター留"].contains(where: address.contains) {
            out.append("届け先が郵便局・営業所での受け取り (住所を知らせずに商品を受け取れる形)")
        }
        for e in c.events where e.kind == .letterReturned {
            out.append("\(JapaneseDate.long(e.date))、請求の書面が返送された\(e.note.map { " (\($0))" } ?? "")")
        }
        for e in c.events where e.kind == .promiseToPay {
            if let day = e.promisedDate, !c.events.contains(where: { $0.kind == .payment && $0.date >= e.date }) {
                out.append("\(JapaneseDate.long(day))までに支払うと約束したが、支払いがない")
            }
        }
        let demands = c.events.filter { $0.kind.isDemand }
        if !demands.isEmpty, !c.events.contains(where: { [.reply, .promiseToPay, .payment].contains($0.kind) }) {
            out.append("\(Set(demands.map(\.date)).count)日にわたる請求に、返答も入金もない")
        }
        return out
    }

    /// What the customer did: replies, promises and payments, with their dates.
    private func customerConduct(_ c: DunningCase) -> [String] {
        c.events.compactMap { e in
            switch e.kind {
            case .reply: "\(JapaneseDate.long(e.date))、返答があった"
            case .promiseToPay: "\(JapaneseDate.long(e.date))、\(e.promisedDate.map { "\(JapaneseDate.long($0))まで" } ?? "")に支払うと約束した"
            case .payment: "\(JapaneseDate.long(e.date))、\(LetterWriter.yenPlain(e.amountYen ?? 0))が入金された"
            default: nil
            }
        }
    }
}
