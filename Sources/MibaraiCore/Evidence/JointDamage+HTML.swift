/// The joint damage summary as one printable HTML page (A4, no external file), in Japanese.
extension JointDamage {
    public var html: String {
        var b = """
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <title>\(HTML.escape(Self.title))</title>
        <style>
        @page { size: A4 landscape; margin: 15mm; }
        body { font-family: "Hiragino Mincho ProN", "Yu Mincho", "IPAexMincho", "IPAMincho", "Noto Serif CJK JP", serif; font-size: 10pt; line-height: 1.5; margin: 0 auto; }
        h1 { font-size: 15pt; text-align: center; }
        h2 { font-size: 12pt; border-bottom: 1px solid #000; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; }
        .meta { text-align: right; }
        </style>
        </head>
        <body>
        <h1>\(HTML.escape(Self.title))</h1>
        <p class="meta">作成日: \(HTML.escape(JapaneseDate.long(preparedOn)))　作成店舗の案件番号: \(caseNumber)</p>

        """
        b += Self.preamble.map { "<p>\(HTML.escape($0))</p>\n" }.joined()
        b += "<h2>1. 店舗ごとの被害</h2>\n<table>\n<thead><tr>"
        b += ["店舗", "連絡先", "種類", "発生日", "金額", "入金", "未回収", "督促の経過"].map { "<th scope=\"col\">\($0)</th>" }.joined()
        b += "</tr></thead>\n<tbody>\n"
        for row in rows { b += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n" }
        b += "</tbody>\n</table>\n<h2>2. 合計</h2>\n<ul>\n"
        b += totals.map { "<li>\(HTML.escape($0.label)): \(HTML.escape($0.value))</li>\n" }.joined()
        b += "</ul>\n<h2>3. 届け出について</h2>\n<ul>\n" + Self.advice.map { "<li>\(HTML.escape($0))</li>\n" }.joined()
        b += "</ul>\n</body>\n</html>\n"
        return b
    }
}
