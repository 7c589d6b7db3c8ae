extension JointUseNotice {
    /// The notice as plain text, for a privacy policy page: the title, then each item.
    public func text(_ language: Language) -> String {
        var out = language == .ja ? "個人データの共同利用について\n" : "Joint use of personal data\n"
        for (heading, paragraphs) in sections {
            out += "\n■ \(heading.text(language))\n"
            for p in paragraphs { out += p.text(language) + "\n" }
        }
        return out
    }
}
