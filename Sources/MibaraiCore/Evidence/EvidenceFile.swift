/// The dated record of an unpaid order (時系列), for the police, a 支払督促 or a 少額訴訟: who the
/// shop is, who ordered, what was ordered and shipped, every contact and its result, and what is
/// still owed. It is made on the shop's own node from its own data and handed over by the shop.
public struct EvidenceFile: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var date: LocalDate
        public var time: TimeOfDay?
        public var event: String
        public var stage: String
        public var amount: String
        public var note: String

        /// The day and, when noted, the time, written one way in both renderings: 2026年10月18日 14:05.
        public var when: String { JapaneseDate.long(date) + (time.map { " \($0)" } ?? "") }
    }

    public var title: String
    public var preparedOn: LocalDate
    public var shop: ShopProfile
    /// The shop's details as labelled lines, as both renderings print them.
    public var shopDetails: [(label: String, value: String)]
    public var caseNumber: Int
    public var customer: [(label: String, value: String)]
    public var order: [(label: String, value: String)]
    public var amounts: [(label: String, value: String)]
    public var rows: [Row]
    public var remarks: [String]
    /// The closing lines: what the record rests on, the attestation, the date, and the line the
    /// shop signs and seals.
    public var attestation: [String]

    public init(case c: DunningCase, shop: ShopProfile, policy: DunningPolicy, today: LocalDate) {
        // A refused cash-on-delivery parcel left no price unpaid: its record is of the loss.
        title = c.isRefusedDelivery ? "代金引換の受取拒否による損害に関する経緯書 (時系列)" : "未払い代金に関する経緯書 (時系列)"
        preparedOn = today
        self.shop = shop
        shopDetails = [
            ("店舗名", shop.name), ("代表者・担当者", shop.representative), ("郵便番号", shop.postalCode),
            ("所在地", shop.address), ("電話番号", shop.phone), ("メールアドレス", shop.email),
        ].compactMap { label, value in value.map { (label, $0) } }
        caseNumber = c.number
        let id = c.identity
        customer = [
            ("氏名", id.name), ("フリガナ", id.nameKana), ("郵便番号", id.postalCode), ("住所", id.address),
            ("電話番号", id.phone), ("メールアドレス", id.email),
        ].compactMap { label, value in value.map { (label, $0) } }
        let o = c.order
        let refused = c.isRefusedDelivery
        order = [(String, String?)]([
            ("注文番号", o.reference), ("注文日", o.orderDate.map(JapaneseDate.long)), ("商品", o.items),
            ("支払方法", o.paymentMethod),
            // A refused cash-on-delivery parcel had no price to pay by a date: its claim is a loss.
            refused ? ("受取拒否日", o.refusedOn.map(JapaneseDate.long)) : ("支払期限", JapaneseDate.long(c.dueDate(policy: policy))),
            ("発送日", o.shipDate.map(JapaneseDate.long)), ("配達日", o.deliveredOn.map(JapaneseDate.long)),
            ("配送業者", o.carrier), ("追跡番号", o.trackingNumber),
        ]).compactMap { label, value in value.map { (label, $0) } }
        var amounts: [(label: String, value: String)] = [(refused ? "請求額 (受取拒否による損害)" : "請求額", LookupResult.yen(o.amountYen))]
        if refused, let detail = o.lossDetail { amounts.append(("損害の内訳", detail)) }
        amounts += [("入金済み", LookupResult.yen(c.paidYen)), ("未払い残高", LookupResult.yen(c.outstandingYen))]
        self.amounts = amounts
        // The facts between the shop and the customer; the shop's own bookkeeping (a report it
        // shared) is not one, and a record for the police or a court names no shared list.
        rows = c.events.filter { $0.kind != .reportPublished }.map { e in
            var note = e.note ?? ""
            if let p = e.promisedDate { note = "約束日 \(JapaneseDate.long(p))" + (note.isEmpty ? "" : "。\(note)") }
            if let o = e.outcome { note = o.label.ja + (note.isEmpty ? "" : "。\(note)") }
            return Row(
                date: e.date, time: e.time, event: e.kind.label.ja, stage: e.stage?.label.ja ?? "",
                amount: e.amountYen.map(LookupResult.yen) ?? "", note: note
            )
        }
        var remarks: [String] = []
        if let outcome = c.outcome, let closed = c.closedOn {
            remarks.append("本件は\(JapaneseDate.long(closed))に「\(outcome.label.ja)」として終了しています。")
        } else {
            remarks.append("\(JapaneseDate.long(today))現在、\(LookupResult.yen(c.outstandingYen))が未払いです。")
        }
        if c.events.contains(where: { $0.kind == .letterReturned }) {
            remarks.append("当店からの書面が返送されています (記録の「書面の返送」)。")
        }
        self.remarks = remarks
        attestation = [
            "以上の記載は、当店の注文・発送・連絡の記録に基づくものです。",
            "上記のとおり相違ありません。",
            JapaneseDate.long(today),
            "作成者　\(shop.name)\(shop.representative.map { "　\($0)" } ?? "")　印",
        ]
    }

    public static func == (a: Self, b: Self) -> Bool { a.markdown == b.markdown }
    public func hash(into h: inout Hasher) { h.combine(markdown) }
}
