/// A hub's account of what each shop asked (`Protocol/federation.md`, "Lookup quotas"): its own
/// counts per Japan day and per minute, and the other hubs' counts from their `usage` entries.
/// Pure: the caller passes the time (seconds since 1970) and keeps the ledger behind a lock.
public struct QuotaLedger: Sendable {
    struct Account: Sendable {
        var day: LocalDate
        /// Identities asked here on `day`.
        var own: UInt64 = 0
        /// `own` as the last `usage` entry this hub signed said it.
        var published: UInt64 = 0
        var minute: Int64 = 0
        var inMinute: UInt64 = 0
    }

    public enum Decision: Sendable, Equatable {
        case granted
        /// Over the daily quota (all hubs together) or the burst (this hub, this minute): try
        /// again after this many seconds.
        case refused(retryAfter: Int, daily: Bool)
    }

    var accounts: [NodeID: Account] = [:]
    /// Per shop, per other hub: the day and the highest count its `usage` entries gave.
    var remote: [NodeID: [NodeID: (day: LocalDate, identities: UInt64)]] = [:]

    public init() {}

    /// The Japan calendar day of a time (UTC+9).
    public static func day(at now: Int64) -> LocalDate {
        LocalDate(daysSinceEpoch: Int((now + 9 * 3_600).quotient(86_400)))
    }

    /// What the shop has asked on `day`: here, and at the other hubs as far as their `usage` says.
    public func total(of member: NodeID, on day: LocalDate) -> UInt64 {
        let here = accounts[member].map { $0.day == day ? $0.own : 0 } ?? 0
        // Saturating: a hub that signs an absurd count makes the shop's day full, never a crash.
        return (remote[member] ?? [:]).values.reduce(here) { sum, r in
            r.day == day ? sum.addingReportingOverflow(r.identities).overflow ? .max : sum + r.identities : sum
        }
    }

    /// Takes `identities` from the shop's quota if both limits allow all of them (a request is
    /// answered whole or not at all), else says when to try again.
    public mutating func take(_ identities: UInt64, by member: NodeID, quota: LookupQuota, now: Int64) -> Decision {
        let day = Self.day(at: now)
        var a = accounts[member] ?? Account(day: day)
        if a.day != day { a = Account(day: day) }
        let minute = now.quotient(60)
        if a.minute != minute { a.minute = minute; a.inMinute = 0 }
        let asked = total(of: member, on: day)
        if quota.daily > 0, asked > quota.daily || identities > quota.daily - asked {
            // Until the next Japan midnight.
            let nextDay = Int64(day.daysSinceEpoch + 1) * 86_400 - 9 * 3_600
            return .refused(retryAfter: Int(max(1, nextDay - now)), daily: true)
        }
        if quota.burst > 0, a.inMinute > quota.burst || identities > quota.burst - a.inMinute {
            return .refused(retryAfter: Int(max(1, (minute + 1) * 60 - now)), daily: false)
        }
        a.own += identities
        a.inMinute += identities
        accounts[member] = a
        return .granted
    }

    /// Counts this hub had already given out today (a restart: read from its audit). A count
    /// already higher here (lookups answered since the start) is kept.
    public mutating func restore(own: [NodeID: UInt64], on day: LocalDate) {
        for (m, n) in own {
            if let a = accounts[m], a.day == day, a.own >= n { continue }
            var a = accounts[m].flatMap { $0.day == day ? $0 : nil } ?? Account(day: day)
            a.own = n
            accounts[m] = a
        }
    }

    /// Another hub's `usage` entry: per shop, the highest count it gave for its day. An entry
    /// for a day after `today` (a hub whose clock runs ahead) is ignored: kept, it would shadow
    /// that hub's correct counts until then.
    public mutating func note(_ usage: HubUsage, from hub: NodeID, today: LocalDate? = nil) {
        if let today, usage.day > today { return }
        for c in usage.counts {
            let held = remote[c.member]?[hub]
            if let held, held.day > usage.day || (held.day == usage.day && held.identities >= c.identities) { continue }
            remote[c.member, default: [:]][hub] = (usage.day, c.identities)
        }
    }

    /// Today's counts that changed since this hub last said them (nil: none), marked as said.
    public mutating func usageToPublish(now: Int64) -> HubUsage? {
        let day = Self.day(at: now)
        var counts: [(member: NodeID, identities: UInt64)] = []
        for (m, a) in accounts where a.day == day && a.own > a.published { counts.append((m, a.own)) }
        guard !counts.isEmpty else { return nil }
        // At most one entry's worth; the rest go in the next.
        counts = Array(counts.sorted { $0.member < $1.member }.prefix(HubUsage.maxMembers))
        for c in counts { accounts[c.member]?.published = c.identities }
        return HubUsage(day: day, counts: counts)
    }
}

private extension Int64 {
    /// Division rounding towards minus infinity.
    func quotient(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
}
