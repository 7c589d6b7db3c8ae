/// Markdown text for the documents the node writes (evidence files, damage summaries).
enum Markdown {
    /// A value inside a table cell or list item: no line breaks, no column bars, no markup.
    static func cell(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\n", "\r": out += " "
            case "|": out += "\\|"
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#": out += "\\\(ch)"
            default: out.append(ch)
            }
        }
        return out
    }
}
