/// HTML text for the pages and fragments the node writes (evidence files, notices).
enum HTML {
    /// Text as HTML character data or a quoted attribute value.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A self-contained page laid out for printing (no script, no outside resource): Japanese,
    /// a serif face, the heading, then `body`. `landscape` turns the A4 sheet (wide tables).
    static func printedPage(title: String, landscape: Bool = false, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        @page { size: A4\(landscape ? " landscape" : ""); margin: 18mm 15mm; }
        body { font-family: "Hiragino Mincho ProN", "Yu Mincho", "IPAexMincho", "IPAMincho", "Noto Serif CJK JP", serif; font-size: 10.5pt; line-height: 1.6; color: #000; margin: 0 auto; max-width: \(landscape ? 267 : 180)mm; }
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
        <h1>\(escape(title))</h1>
        \(body)</body>
        </html>

        """
    }
}
