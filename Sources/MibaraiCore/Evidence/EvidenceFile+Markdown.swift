extension EvidenceFile {
    /// The record as Markdown (for e-mail, or to edit before printing).
    public var markdown: String {
        var out = "# \(title)\n\n"
        out += "作成日: \(JapaneseDate.long(preparedOn))　案件番号: \(caseNumber)\n\n"
        out += "## 1. 作成者 (店舗)\n\n"
        out += Self.list(shopDetails)
        out += "\n## 2. 相手方 (注文者)\n\n" + Self.list(customer)
        out += "\n## 3. 注文・発送\n\n" + Self.list(order)
        out += "\n## 4. 金額\n\n" + Self.list(amounts)
        out += "\n## 5. 経緯 (時系列)\n\n"
        out += "| 日時 | 出来事 | 段階 | 金額 | 内容 |\n|---|---|---|---|---|\n"
        for r in rows {
            out += "| \(r.when) | \(Markdown.cell(r.event)) | \(Markdown.cell(r.stage)) | \(Markdown.cell(r.amount)) | \(Markdown.cell(r.note)) |\n"
        }
        out += "\n## 6. 備考\n\n" + remarks.map { "- \(Markdown.cell($0))\n" }.joined()
        out += "\n" + attestation.map { Markdown.cell($0) + "\n" }.joined(separator: "\n")
        return out
    }

    private static func list(_ items: [(label: String, value: String)]) -> String {
        items.map { "- \($0.label): \(Markdown.cell($0.value))\n" }.joined()
    }
}
