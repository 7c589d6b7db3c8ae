/// The joint damage summary as one printable HTML page (A4, no external file), in Japanese.
extension JointDamage {
    public var html: String {
        var b = "<p class=\"meta\">作成日: \(HTML.escape(JapaneseDate.long(preparedOn)))　作成店舗の案件番号: \(caseNumber)</p>\n"
        b += Self.preamble.map { "<p>\(HTML.escape($0))</p>\n" }.joined()
        b += "<h2>1. 店舗ごとの被害</h2>\n<table>\n<thead><tr>"
        b += ["店舗", "連絡先", "種類", "発生日", "金額", "入金", "未回収", "督促の経過"].map { "<th scope=\"col\">\($0)</th>" }.joined()
        b += "</tr></thead>\n<tbody>\n"
        for row in rows { b += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n" }
        b += "</tbody>\n</table>\n<h2>2. 合計</h2>\n<ul>\n"
        b += totals.map { "<li>\(HTML.escape($0.label)): \(HTML.escape($0.value))</li>\n" }.joined()
        b += "</ul>\n<h2>3. 届け出について</h2>\n<ul>\n" + Self.advice.map { "<li>\(HTML.escape($0))</li>\n" }.joined()
        b += "</ul>\n"
        return HTML.printedPage(title: Self.title, landscape: true, body: b)
    }
}
