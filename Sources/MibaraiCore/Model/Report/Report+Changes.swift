extension Report {
    /// What differs from `before`, one line per field, for the shop that made the change: the
    /// field's name, and for the report's own facts the old and new value. Identity fields are
    /// named without their values.
    public func changes(from before: Report) -> [Localized] {
        var out: [Localized] = []
        func fact(_ ja: String, _ en: String, _ old: Localized?, _ new: Localized?) {
            guard old != new else { return }
            let none = Localized(ja: "なし", en: "none")
            let (o, n) = (old ?? none, new ?? none)
            out.append(Localized(ja: "\(ja) (\(o.ja) → \(n.ja))", en: "\(en) (\(o.en) → \(n.en))"))
        }
        func plain(_ text: String?) -> Localized? { text.map { Localized(ja: $0, en: $0) } }
        fact("状態", "status", before.status.label, status.label)
        fact("区分", "category", before.category.label, category.label)
        fact("金額", "amount", plain(LookupResult.yen(before.amountYen)), plain(LookupResult.yen(amountYen)))
        fact("注文番号", "order number", plain(before.orderReference), plain(orderReference))
        fact("注文日", "order date", plain(before.orderDate?.description), plain(orderDate?.description))
        fact("発送日", "ship date", plain(before.shipDate?.description), plain(shipDate?.description))
        fact("発生日", "incident date", plain(before.incidentDate.description), plain(incidentDate.description))
        fact("保存期限", "expiry", plain(before.expiresOn.description), plain(expiresOn.description))
        for field in IdentityField.allCases where identity[field] != before.identity[field] {
            out.append(RecordMatch.fieldLabel(field))
        }
        if notes != before.notes { out.append(Localized(ja: "メモ", en: "notes")) }
        return out
    }
}
