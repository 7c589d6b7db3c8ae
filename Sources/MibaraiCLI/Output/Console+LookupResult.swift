import MibaraiCore

extension Console {
    /// `headline: false` when a screening's reason line has already said it (the matches follow
    /// under a short heading instead, so the summary is not printed twice).
    func printResult(_ result: LookupResult, headline: Bool = true) {
        if headline || result.matches.isEmpty {
            say(result.headline)
        } else {
            say(ja: "一致した報告:", en: "matched reports:")
        }
        for m in result.matches {
            let r = m.record
            say(
                ja: "  - [\(m.strength.label.ja)] \(m.explanation.ja) / \(r.category.label.ja) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.ja) (報告元 \(r.origin))",
                en: "  - [\(m.strength.label.en)] \(m.explanation.en) / \(r.category.label.en) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.en) (from \(r.origin))"
            )
        }
    }
}
