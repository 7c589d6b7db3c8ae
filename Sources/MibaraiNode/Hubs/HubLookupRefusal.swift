import MibaraiCore

/// A hub refused a lookup: the shop is over its quota (`Protocol/hub-api.md`, "Quotas"). The
/// endpoint answers 429 with `Retry-After`.
public struct HubLookupRefusal: Error, Sendable {
    public var retryAfter: Int
    /// The daily quota (all hubs together), else the burst (this hub, this minute).
    public var daily: Bool

    public init(retryAfter: Int, daily: Bool) {
        self.retryAfter = retryAfter
        self.daily = daily
    }

    public var message: Localized {
        daily
            ? Localized(ja: "本日の照会の上限に達しました。\(retryAfter)秒後 (日本時間の翌日) から照会できます。上限を上げるには運営者に相談してください。",
                        en: "the day's lookup quota is used up; lookups resume in \(retryAfter) s (the next day, Japan time). Ask the operator to raise it.")
            : Localized(ja: "1分あたりの照会の上限に達しました。\(retryAfter)秒後にもう一度照会してください。",
                        en: "the per-minute lookup quota is used up; look up again in \(retryAfter) s.")
    }
}
