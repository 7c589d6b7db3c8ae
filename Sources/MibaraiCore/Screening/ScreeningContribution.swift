/// One rule that fired for an order: its weight in the score and why, in both languages.
/// The reason names what was seen (a free-mail provider, a 局留め address), never a value.
public struct ScreeningContribution: Sendable, Hashable {
    public let rule: ScreeningRule
    public let weight: Int
    public let reason: Localized

    public init(rule: ScreeningRule, weight: Int, reason: Localized) {
        self.rule = rule
        self.weight = weight
        self.reason = reason
    }
}
