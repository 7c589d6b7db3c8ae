import MibaraiCore

/// No hub answered a lookup: the result is incomplete. Says why for each hub tried, never what was asked.
public struct HubsUnavailable: Error, Sendable {
    /// `name: reason` for each hub tried, in order (empty: none is configured).
    public var attempts: [String]
    /// A hub refused the lookup over the shop's quota: no other hub is asked (they share the
    /// count, `Protocol/federation.md`, "Lookup quotas").
    public var overQuota: HubLookupRefusal?

    public init(attempts: [String], overQuota: HubLookupRefusal? = nil) {
        self.attempts = attempts
        self.overQuota = overQuota
    }

    public var message: Localized {
        if let overQuota { return overQuota.message }
        return attempts.isEmpty
            ? Localized(ja: "ハブが設定されていません ([federation] hubs)。", en: "no hub is configured ([federation] hubs).")
            : Localized(ja: "どのハブも応答しません: \(attempts.joined(separator: "; "))", en: "no hub answered: \(attempts.joined(separator: "; "))")
    }
}
