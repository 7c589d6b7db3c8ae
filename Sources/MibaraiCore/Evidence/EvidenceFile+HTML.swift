extension EvidenceFile {
    /// The record as one self-contained HTML page (no scripts, no outside resources), laid out for
    /// A4 printing.
    public var html: String {
        var b = """
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <title>\(HTML.escape(title))</title>
        <style>
        @page { size: A4; margin: 18mm 15mm; }
        body { font-family: "Hiragino Mincho ProN", "Yu Mincho", "IPAexMincho", "IPAMincho", "Noto Serif CJK JP", serif; font-size: 10.5pt; line-height: 1.6; color: #000; margin: 0 auto; max-width: 180mm; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
        h2 { font-size: 12pt; border-bottom: 1px solid #000; margin: 6mm 0 2mm; }
        .meta { text-align: right; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; text-align: left; }
        th { background: #eee; white-space: nowrap; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        tr { page-break-inside: avoid; }
        .closing { margin-top: 8mm; }
        </style>
        </head>
        <body>
        <h1>\(HTML.escape(title))</h1>
        <p class="meta">作成日: \(HTML.escape(JapaneseDate.long(preparedOn)))<br>案件番号: \(caseNumber)</p>

        """
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
        b += "</ul>\n<div class=\"closing\">\n" + attestation.map { "<p>\(HTML.escape($0))</p>\n" }.joined() + "</div>\n</body>\n</html>\n"
        return b
    }

    private func section(_ heading: String, _ items: [(label: String, value: String)]) -> String {
        "<h2>\(HTML.escape(heading))</h2>\n<dl>\n"
            + items.map { "<dt>\(HTML.escape($0.label))</dt><dd>\(HTML.escape($0.value))</dd>\n" }.joined()
            + "</dl>\n"
    }
}
