import Logging
import Metrics
import Synchronization

/// The process-wide count of the connections a node's listeners have accepted, against
/// ``ConnectionShares`` drawn from its open-file limit: the node never reaches the limit (EMFILE)
/// through accepted connections, and at the cap its members and its own API still get in.
///
/// - An API connection takes a slot of the `api` share, or is refused.
/// - A connection on the gossip or federation port takes a slot of the `unverified` share (and of
///   its address's `perAddress`) until its TLS handshake verifies a member certificate; it then
///   moves to the `members` share (refused if that is full) and stops counting for its address.
/// - When the `unverified` share is full, the connection that has waited longest for its
///   handshake is closed to make room, if it has waited `evictAfter` or more (a member's handshake
///   takes milliseconds; an idle stranger's waits for its timeout); otherwise the new one is refused.
///   Strangers holding idle connections therefore cannot keep a member from connecting, only make
///   it race a flood of new connections faster than `unverified / evictAfter` per second.
///
/// A refused connection is closed at once, before any TLS work (``ConnectionAdmissionHandler``).
/// Refusals are counted in `mibarai_connections_refused_total{listener,reason}` and logged at
/// most once per `logEvery` per listener and reason, without any address.
public final class ConnectionBudget: Sendable {
    public enum Share: String, Sendable, CaseIterable {
        case api, unverified, members
    }

    /// What a connection admitted holds; give it back to `verified` and `release`.
    public struct Ticket: Sendable, Hashable {
        let id: UInt64
    }

    /// Why a connection was closed by the budget (the `reason` of the refusal metric).
    public enum Refusal: String, Sendable {
        /// Its address already holds `perAddress` unverified connections.
        case address
        /// The share it needed was full.
        case api, unverified, members
        /// It waited longest for its handshake and a new connection took its place.
        case evicted
    }

    private struct Entry {
        var share: Share
        var admitted: ContinuousClock.Instant
        var close: @Sendable () -> Void
    }

    private struct State {
        var next: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        var held: [Share: Int] = [:]
        /// Unverified tickets in the order they came (ids of entries gone are skipped lazily).
        var waiting: [UInt64] = []
        var head = 0
    }

    public let shares: ConnectionShares
    let perAddress: ConnectionsPerAddress
    private let evictAfter: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())
    private let log: RefusalLog
    private let open: [Share: Gauge]

    public init(
        shares: ConnectionShares, logger: Logger, evictAfter: Duration = .seconds(2), logEvery: Duration = .seconds(10),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.shares = shares
        self.perAddress = ConnectionsPerAddress(limit: shares.perAddress)
        self.evictAfter = evictAfter
        self.now = now
        self.log = RefusalLog(logger: logger, every: logEvery, now: now)
        var open: [Share: Gauge] = [:]
        for share in Share.allCases {
            open[share] = Gauge(label: "mibarai_connections_open", dimensions: [("share", share.rawValue)])
        }
        self.open = open
    }

    public func limit(of share: Share) -> Int {
        switch share {
        case .api: shares.api
        case .unverified: shares.unverified
        case .members: shares.members
        }
    }

    /// Connections holding a slot of `share` now.
    public func held(_ share: Share) -> Int {
        state.withLock { $0.held[share, default: 0] }
    }

    /// Admits a new connection to `share` (`.api` or `.unverified`); `close` closes it should it be
    /// evicted later. Nil: refused (the caller closes it), and counted.
    public func admit(_ share: Share, listener: String, close: @escaping @Sendable () -> Void) -> Ticket? {
        let t = now()
        var evicted: (@Sendable () -> Void)?
        let ticket: Ticket? = state.withLock { s in
            if s.held[share, default: 0] >= limit(of: share) {
                guard share == .unverified, let oldest = oldestWaiting(&s), t - oldest.entry.admitted >= evictAfter else {
                    return nil
                }
                s.entries[oldest.id] = nil
                s.held[.unverified, default: 0] -= 1
                evicted = oldest.entry.close
            }
            s.next += 1
            s.entries[s.next] = Entry(share: share, admitted: t, close: close)
            s.held[share, default: 0] += 1
            if share == .unverified { s.waiting.append(s.next) }
            record(share, s)
            return Ticket(id: s.next)
        }
        if let evicted {
            refused(.evicted, listener: listener)
            evicted()
        }
        if ticket == nil { refused(share == .api ? .api : .unverified, listener: listener) }
        return ticket
    }

    /// The handshake of `ticket`'s connection verified a member: it moves to the members' share.
    /// False (and the ticket released) when that share is full or the ticket was evicted meanwhile:
    /// the caller closes the connection.
    public func verified(_ ticket: Ticket, listener: String) -> Bool {
        // nil: the ticket is gone (evicted meanwhile; its connection is being closed).
        let moved: Bool? = state.withLock { s in
            guard let entry = s.entries[ticket.id], entry.share == .unverified else { return nil }
            s.held[.unverified, default: 0] -= 1
            record(.unverified, s)
            guard s.held[.members, default: 0] < shares.members else {
                s.entries[ticket.id] = nil
                return false
            }
            s.entries[ticket.id]?.share = .members
            s.held[.members, default: 0] += 1
            record(.members, s)
            return true
        }
        if moved == false { refused(.members, listener: listener) }
        return moved ?? false
    }

    /// The connection ended: its slot is free (nothing if it was evicted).
    public func release(_ ticket: Ticket) {
        state.withLock { s in
            guard let entry = s.entries.removeValue(forKey: ticket.id) else { return }
            s.held[entry.share, default: 0] -= 1
            record(entry.share, s)
            compact(&s)
        }
    }

    /// Counts and (rate-limited) logs a connection closed by the budget or the per-address cap.
    func refused(_ reason: Refusal, listener: String) {
        Counter(label: "mibarai_connections_refused_total", dimensions: [("listener", listener), ("reason", reason.rawValue)]).increment()
        log.refused(listener: listener, reason: reason.rawValue, share: reason == .address ? shares.perAddress : nil)
    }

    /// An accept failed for want of files or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): counted as
    /// `reason="accept_error"` and logged (rate-limited). The budget keeps accepted connections
    /// below the file limit, so this means something else holds the files.
    func acceptFailed(listener: String) {
        Counter(label: "mibarai_connections_refused_total", dimensions: [("listener", listener), ("reason", "accept_error")]).increment()
        log.refused(listener: listener, reason: "accept_error", share: nil)
    }

    /// The unverified entry that came first and is still there.
    private func oldestWaiting(_ s: inout State) -> (id: UInt64, entry: Entry)? {
        while s.head < s.waiting.count {
            let id = s.waiting[s.head]
            if let entry = s.entries[id], entry.share == .unverified { return (id, entry) }
            s.head += 1
        }
        return nil
    }

    /// Drops the ids of `waiting` already skipped, once they are half of it.
    private func compact(_ s: inout State) {
        if s.head > 64, s.head * 2 > s.waiting.count {
            s.waiting.removeFirst(s.head)
            s.head = 0
        }
        // Ids of entries that left without being skipped (verified, released) stay until the
        // head passes them; bound the array by dropping them when it grows past twice the share.
        if s.waiting.count > 2 * max(shares.unverified, 64) {
            let entries = s.entries
            s.waiting = s.waiting[s.head...].filter { entries[$0]?.share == .unverified }
            s.head = 0
        }
    }

    private func record(_ share: Share, _ s: State) {
        open[share]?.record(s.held[share, default: 0])
    }
}
