extension JointUseNotice {
    /// The notice as an HTML fragment (a `<section>`) to paste into a privacy policy page; every
    /// value is escaped.
    public func html(_ language: Language) -> String {
        let title = language == .ja ? "個人データの共同利用について" : "Joint use of personal data"
        var out = "<section lang=\"\(language == .ja ? "ja" : "en")\" class=\"joint-use-notice\">\n<h2>\(HTML.escape(title))</h2>\n"
        for (heading, paragraphs) in sections {
            out += "<h3>\(HTML.escape(heading.text(language)))</h3>\n"
            for p in paragraphs { out += "<p>\(HTML.escape(p.text(language)))</p>\n" }
        }
        return out + "</section>\n"
    }
}
