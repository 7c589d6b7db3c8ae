extension JointUseNotice {
    /// The notice as an HTML fragment (a `<section>`) to paste into a privacy policy page; every
    /// value is escaped.
    public func html(_ language: Language) -> String {
        func escaped(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.append(c)
                }
            }
            return out
        }
        let title = language == .ja ? "個人データの共同利用について" : "Joint use of personal data"
        var out = "<section lang=\"\(language == .ja ? "ja" : "en")\" class=\"joint-use-notice\">\n<h2>\(escaped(title))</h2>\n"
        for (heading, paragraphs) in sections {
            out += "<h3>\(escaped(heading.text(language)))</h3>\n"
            for p in paragraphs { out += "<p>\(escaped(p.text(language)))</p>\n" }
        }
        return out + "</section>\n"
    }
}
