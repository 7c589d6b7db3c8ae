/// The outcome of screening one order: every contribution, the score and the decision.
public struct ScreeningResult: Sendable, Hashable {
    /// The rules that fired, heaviest first.
    public let contributions: [ScreeningContribution]
    /// Sum of the contributions' weights (never below 0).
    public let score: Int
    public let decision: ScreeningDecision
    /// True when the customer is on the shop's allow-list: only federation matches counted.
    public let allowListed: Bool
    /// The federation lookup behind the `federation_*` rules.
    public let lookup: LookupResult

    public init(contributions: [ScreeningContribution], policy: ScreeningPolicy, allowListed: Bool, lookup: LookupResult) {
        self.contributions = contributions.sorted { ($0.weight, $1.rule.rawValue) > ($1.weight, $0.rule.rawValue) }
        let score = max(0, contributions.reduce(0) { $0 + $1.weight })
        self.score = score
        self.decision = score >= policy.holdAt ? .hold : score >= policy.reviewAt ? .review : .pass
        self.allowListed = allowListed
        self.lookup = lookup
    }

    /// One line: "保留 (スコア 75): 他店の報告と強い一致; フリーメール" / "hold (score 75): …".
    public var summary: Localized {
        let notes = contributions.map(\.reason) + (lookup.incomplete ? [LookupResult.incompleteNote] : [])
        let ja = notes.map(\.ja).joined(separator: "; ")
        let en = notes.map(\.en).joined(separator: "; ")
        return Localized(
            ja: "\(decision.label.ja) (スコア \(score))" + (ja.isEmpty ? "" : ": " + ja),
            en: "\(decision.label.en) (score \(score))" + (en.isEmpty ? "" : ": " + en)
        )
    }
}
