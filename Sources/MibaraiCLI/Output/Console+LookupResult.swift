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
            let note = m.suppressionNote
            say(
                ja: "  - [\(m.strength.label.ja)] \(m.explanation.ja)\(note.map { " (\($0.ja))" } ?? "") / \(r.category.label.ja) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.ja) (報告元 \(r.origin))",
                en: "  - [\(m.strength.label.en)] \(m.explanation.en)\(note.map { " (\($0.en))" } ?? "") / \(r.category.label.en) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.en) (from \(r.origin))"
            )
        }
        // Reached only through an impersonation victim's suppressed tokens: shown, never counted.
        for m in result.impersonationMatches {
            let r = m.record
            let label = SuppressionReason.impersonation.label
            let fields = m.suppressedFields
            say(
                ja: "  - [\(label.ja)] \(fields.map { RecordMatch.fieldLabel($0).ja }.joined(separator: "・"))が一致 (数えない) / \(r.category.label.ja) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.ja) (報告元 \(r.origin))",
                en: "  - [\(label.en)] \(fields.map { RecordMatch.fieldLabel($0).en }.joined(separator: " + ")) \(fields.count == 1 ? "matches" : "match") (not counted) / \(r.category.label.en) \(LookupResult.yen(r.amountYen)) \(r.month) \(r.status.label.en) (from \(r.origin))"
            )
        }
    }
}
