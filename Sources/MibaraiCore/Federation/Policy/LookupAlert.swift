/// A member's lookups today that depart from its history (`Protocol/hub-api.md`, "Audit"): the
/// hub logs a line and counts it, once per member, day and kind.
public enum LookupAlert: String, Sendable, Hashable, CaseIterable {
    /// Many more identities than the member's daily average over the last 14 days.
    case volume
    /// Many more of its identities find a record than usual: a list being tested.
    case hitRate = "hit_rate"

    /// The alerts `today` raises against `history` (the 14 days before, missing days counting as
    /// none): volume above both 1,000 and five times the daily average; a hit rate, over at least
    /// 200 identities, above both 20% and five times the past rate.
    public static func check(todayIdentities: Int, todayHits: Int, historyIdentities: Int, historyHits: Int, days: Int = 14) -> Set<LookupAlert> {
        var out: Set<LookupAlert> = []
        let average = Double(historyIdentities) / Double(max(days, 1))
        if todayIdentities >= 1_000, Double(todayIdentities) > 5 * average { out.insert(.volume) }
        if todayIdentities >= 200 {
            let rate = Double(todayHits) / Double(todayIdentities)
            let past = historyIdentities > 0 ? Double(historyHits) / Double(historyIdentities) : 0
            if rate > 0.2, rate > 5 * past { out.insert(.hitRate) }
        }
        return out
    }
}
