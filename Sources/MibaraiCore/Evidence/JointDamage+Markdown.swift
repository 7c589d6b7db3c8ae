/// The joint damage summary as Markdown, in Japanese (it goes to a Japanese police station).
extension JointDamage {
    public var markdown: String {
        var out = "# \(Self.title)\n\n"
        out += "作成日: \(JapaneseDate.long(preparedOn))　作成店舗の案件番号: \(caseNumber)\n\n"
        out += Self.preamble.map { $0 + "\n" }.joined() + "\n"
        out += "## 1. 店舗ごとの被害\n\n"
        out += "| 店舗 | 連絡先 | 種類 | 発生日 | 金額 | 入金 | 未回収 | 督促の経過 |\n|---|---|---|---|---|---|---|---|\n"
        for row in rows {
            out += "| " + row.map(Markdown.cell).joined(separator: " | ") + " |\n"
        }
        out += "\n## 2. 合計\n\n" + totals.map { "- \($0.label): \($0.value)\n" }.joined()
        out += "\n## 3. 届け出について\n\n" + Self.advice.map { "- \($0)\n" }.joined()
        return out
    }

    static let title = "同一人物と思われる者による被害の一覧 (複数店舗)"

    static let preamble = [
        "本書は、当店の案件の注文者と同一人物と思われる者から被害を受けた店舗が、各店の同意のもとで共有した被害の内容をまとめたものです。",
        "店舗間で顧客の個人情報は共有していません。各店の経緯書 (時系列) と証拠は、各店が作成して提出します。",
    ]

    static let advice = [
        "被害届は、各店の所在地を管轄する警察署の刑事課 (知能犯係) または生活安全課に、本書と各店の経緯書を添えて相談してください。",
        "届け出の前の相談は、警察相談専用電話 #9110 でも受け付けています。",
    ]

    /// One row per damage: shop, contact, category, incident, amount, paid, outstanding, ladder.
    var rows: [[String]] {
        shops.flatMap { shop in
            shop.damage.map { d in
                [shop.name + (shop.isThisShop ? " (当店)" : ""), shop.contact, d.category.label.ja, JapaneseDate.long(d.incident),
                 LookupResult.yen(d.amountYen), LookupResult.yen(d.paidYen), LookupResult.yen(d.outstandingYen),
                 d.steps.isEmpty ? "なし" : d.steps.map { "\($0.stage.label.ja) \(JapaneseDate.long($0.day))" }.joined(separator: " → ")]
            }
        }
    }

    var totals: [(label: String, value: String)] {
        var out: [(String, String)] = [("店舗数", "\(shops.filter { !$0.damage.isEmpty }.count)"), ("件数", "\(reportCount)"),
                                       ("被害額の合計", LookupResult.yen(totalYen)), ("未回収の合計", LookupResult.yen(outstandingYen))]
        if let p = period { out.append(("期間", "\(JapaneseDate.long(p.first)) 〜 \(JapaneseDate.long(p.last))")) }
        return out
    }
}
