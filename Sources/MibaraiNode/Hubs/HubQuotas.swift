import MibaraiCore
import Synchronization

/// A hub's quotas while it runs: the ledger of what each shop asked (here and, from their `usage`
/// entries, at the other hubs) and the limits the operator's log sets. Shared by the lookup
/// endpoint, which takes from it, and the gossip, which feeds it the log and signs its usage.
public final class HubQuotas: Sendable {
    struct State {
        var ledger = QuotaLedger()
        var defaults = FederationPolicy.defaults.lookupQuota
        var overrides: [NodeID: LookupQuota] = [:]
        /// (member, day, alert) already raised.
        var alerted: Set<String> = []
        /// When each member's alerts were last checked (seconds since 1970).
        var checked: [NodeID: Int64] = [:]
        var tokensPerType = 1
    }

    private let state = Mutex(State())

    public init() {}

    /// The limits the operator's log sets: the policy's, and per member its `quota` entry's.
    public func use(defaults: LookupQuota, overrides: [NodeID: LookupQuota]) {
        state.withLock {
            $0.defaults = defaults
            $0.overrides = overrides
        }
    }

    public func quota(of member: NodeID) -> LookupQuota {
        state.withLock { $0.overrides[member] ?? $0.defaults }
    }

    public func take(_ identities: Int, by member: NodeID, now: Int64) -> QuotaLedger.Decision {
        state.withLock { s in
            s.ledger.take(UInt64(identities), by: member, quota: s.overrides[member] ?? s.defaults, now: now)
        }
    }

    /// What this hub had given out today before it started (its audit).
    public func restore(own: [NodeID: UInt64], on day: LocalDate) {
        state.withLock { $0.ledger.restore(own: own, on: day) }
    }

    /// Another hub's `usage` entry (one dated after `now`'s day is ignored).
    public func note(_ usage: HubUsage, from hub: NodeID, now: Int64) {
        state.withLock { $0.ledger.note(usage, from: hub, today: QuotaLedger.day(at: now)) }
    }

    /// Tokens of one type a query may carry: one per epoch the operator has sealed, so that a
    /// query stays one identity (`Protocol/hub-api.md`).
    public var tokensPerType: Int {
        state.withLock { $0.tokensPerType }
    }

    public func use(epochs: Int) {
        state.withLock { $0.tokensPerType = max(1, epochs) }
    }

    /// Today's counts to sign in a `usage` entry, if any changed.
    public func usageToPublish(now: Int64) -> HubUsage? {
        state.withLock { $0.ledger.usageToPublish(now: now) }
    }

    /// Whether the member's alerts are due for a check (at most once a minute), marking it done.
    func alertCheckDue(for member: NodeID, now: Int64) -> Bool {
        state.withLock { s in
            if let last = s.checked[member], now - last < 60 { return false }
            s.checked[member] = now
            return true
        }
    }

    /// Of `alerts`, those not yet raised for this member today, marking them raised.
    func fresh(_ alerts: Set<LookupAlert>, for member: NodeID, on day: LocalDate) -> Set<LookupAlert> {
        state.withLock { s in
            alerts.filter { s.alerted.insert("\(member)/\(day)/\($0.rawValue)").inserted }
        }
    }
}
