import MibaraiCore

extension Console {
    func printResult(_ result: LookupResult) {
        say(result.headline)
        for m in result.matches {
            let r = m.record
            say(
                ja: "  - [\(m.strength.label.ja)] \(m.explanation.ja) / \(r.category.label.ja) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.ja) (報告元 \(r.origin))",
                en: "  - [\(m.strength.label.en)] \(m.explanation.en) / \(r.category.label.en) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.en) (from \(r.origin))"
            )
        }
    }
}
