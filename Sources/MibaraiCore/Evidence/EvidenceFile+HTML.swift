extension EvidenceFile {
    /// The record as one self-contained HTML page (no scripts, no outside resources), laid out for
    /// A4 printing.
    public var html: String {
        var b = "<p class=\"meta\">作成日: \(HTML.escape(JapaneseDate.long(preparedOn)))<br>案件番号: \(caseNumber)</p>\n"
        b += section("1. 作成者 (店舗)", shopDetails)
        b += section("2. 相手方 (注文者)", customer)
        b += section("3. 注文・発送", order)
        b += section("4. 金額", amounts)
        b += "<h2>5. 経緯 (時系列)</h2>\n<table>\n<thead><tr><th>日時</th><th>出来事</th><th>段階</th><th>金額</th><th>内容</th></tr></thead>\n<tbody>\n"
        for r in rows {
            b += "<tr><td>\(HTML.escape(r.when))</td><td>\(HTML.escape(r.event))</td><td>\(HTML.escape(r.stage))</td><td>\(HTML.escape(r.amount))</td><td>\(HTML.escape(r.note))</td></tr>\n"
        }
        b += "</tbody>\n</table>\n<h2>6. 備考</h2>\n<ul>\n"
        b += remarks.map { "<li>\(HTML.escape($0))</li>\n" }.joined()
        b += "</ul>\n<div class=\"closing\">\n" + attestation.map { "<p>\(HTML.escape($0))</p>\n" }.joined() + "</div>\n"
        return HTML.printedPage(title: title, body: b)
    }

    private func section(_ heading: String, _ items: [(label: String, value: String)]) -> String {
        "<h2>\(HTML.escape(heading))</h2>\n<dl>\n"
            + items.map { "<dt>\(HTML.escape($0.label))</dt><dd>\(HTML.escape($0.value))</dd>\n" }.joined()
            + "</dl>\n"
    }
}
