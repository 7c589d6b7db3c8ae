import Foundation
import MibaraiCore
import MibaraiStore
import Synchronization

/// Screens orders on a node: normalises them, looks them up in the blinded records, reads and
/// extends the velocity history, and applies the shop's rules. Shared by `mibarai check`, the
/// HTTP API and the benchmark; safe to call from many tasks (the history is behind a lock).
///
/// The history reaches the file through a ``HistoryWriter``: batches are written on a thread of
/// their own, those that arrive during a write together in one transaction. ``screen(_:now:recording:waitForHistory:)``
/// awaits its own batch by default (a suspension, never a blocked thread); a long run passes
/// `waitForHistory: false` and awaits ``flushHistory()`` once at the end.
///
/// The three phases are public so that the benchmark can time them apart; ``screen(_:now:recording:waitForHistory:)``
/// runs all three.
public final class OrderScreener: Sendable {
    /// An order after normalisation, with the lookup tokens of its customer and recipient.
    public struct Prepared: Sendable {
        public var order: Order
        public var billing: NormalizedIdentity
        public var recipient: NormalizedIdentity
        public var shipping: NormalizedIdentity?
        /// Tokens of the customer, then (when the order ships elsewhere) of the recipient.
        public var queries: [[BlindToken]]
    }

    public let database: AppDatabase
    public let normalizer: Normalizer
    public let engine: ScreeningEngine
    private let blinders: Mutex<[Blinder]>
    private let keyer: VelocityKeyer
    private let tokenIndex: TokenIndex?
    private let history: Mutex<VelocityIndex>
    private let writer: HistoryWriter
    /// Under `replicas = hubs`: where other shops' records are looked up, and this node's name
    /// (its own records, which the hubs hold too, are read here, not from their answers).
    private let hubs: Mutex<(any HubLookupClient)?>
    private let ownOrigin: String

    /// - Parameters:
    ///   - velocityKey: the node's own 32-byte key for the velocity history's tokens.
    ///   - now: the current time (seconds since 1970), to load the history window.
    ///   - tokenIndex: the lookup index in memory, for large batches and the server.
    public init(database: AppDatabase, normalizer: Normalizer, keyring: Keyring, policy: ScreeningPolicy,
                velocityKey: [UInt8], now: Int64, tokenIndex: TokenIndex? = nil,
                hubs: (any HubLookupClient)? = nil, ownOrigin: String = "") throws(StoreError) {
        self.hubs = Mutex(hubs)
        self.ownOrigin = ownOrigin
        self.database = database
        self.normalizer = normalizer
        self.engine = ScreeningEngine(policy: policy)
        self.blinders = Mutex(keyring.blinders)
        self.keyer = VelocityKeyer(key: velocityKey)
        self.tokenIndex = tokenIndex
        let since = now - Int64(policy.historyDays) * 86_400
        self.history = Mutex(VelocityIndex(try database.screenedOrders(since: since)))
        self.writer = HistoryWriter(database: database)
    }

    /// Screens orders, records them in the velocity history and returns one result per order,
    /// in the order given. Orders are fed to the history oldest first (exports often list the
    /// newest first); an order without a time is placed at `now`.
    ///
    /// - Parameters:
    ///   - recording: false to read the history without adding these orders to it.
    ///   - waitForHistory: false to return before the orders are in the file (see ``flushHistory()``).
    ///   - index: a lookup index read for this batch (a file's screening on a running server),
    ///     used instead of the one the screener was made with.
    public func screen(_ orders: [Order], now: Int64, recording: Bool = true,
                       waitForHistory: Bool = true, index: TokenIndex? = nil) async throws(StoreError) -> [ScreeningResult] {
        let prepared = prepare(orders)
        let lookups = try await lookup(prepared, index: index)
        let (results, ticket) = try decideAndSubmit(prepared, lookups: lookups, now: now, recording: recording)
        if waitForHistory, let ticket { try await writer.wait(for: ticket) }
        return results
    }

    /// Returns when every order screened so far is in the history file; throws if a write failed.
    public func flushHistory() async throws(StoreError) {
        try await writer.flush()
    }

    /// Phase 1: normalisation and blinding.
    public func prepare(_ orders: [Order]) -> [Prepared] {
        // Pure work: split across the cores for large batches.
        Lanes.map(orders.indices) { i in self.prepareSerially(orders[i...i])[0] }
    }

    /// Asks these hubs for other shops' records from now on, or none (the federation's policy
    /// changed while the node runs: under `replicas = hubs` the node's own copies are erased).
    public func use(hubs: (any HubLookupClient)?) {
        self.hubs.withLock { $0 = hubs }
    }

    /// Uses a new keyring from now on (a new epoch's key arrived while the node runs).
    public func use(_ keyring: Keyring) {
        blinders.withLock { $0 = keyring.blinders }
    }

    private func prepareSerially(_ orders: ArraySlice<Order>) -> [Prepared] {
        let blinders = self.blinders.withLock { $0 }
        return orders.map { order in
            let billing = normalizer.normalize(order.billing)
            let recipient = order.shipping == nil ? billing : normalizer.normalize(order.recipient)
            let shipping = order.shipping.map(normalizer.normalize)
            var queries = [blinders.flatMap { $0.tokens(for: billing) }]
            if order.shipping != nil && recipient != billing { queries.append(blinders.flatMap { $0.tokens(for: recipient) }) }
            return Prepared(order: order, billing: billing, recipient: recipient, shipping: shipping, queries: queries)
        }
    }

    /// Phase 2: the federation lookups, in one read transaction (or the in-memory index), awaited. Of
    /// the customer's and the recipient's results, the one with the stronger match is kept.
    /// `index`, when given, is used instead of the screener's own.
    public func lookup(_ prepared: [Prepared], index: TokenIndex? = nil) async throws(StoreError) -> [LookupResult] {
        let queries = prepared.flatMap(\.queries)
        // Read on a reader thread of the pool: no cooperative thread waits on SQLite.
        var candidates = try await database.candidates(for: queries, index: index ?? tokenIndex)
        // Under `replicas = hubs` other shops' records are at the hubs; when none answers, every
        // result says it is incomplete instead of a silent "no match".
        var incomplete: Localized?
        if let hubs = self.hubs.withLock({ $0 }) {
            let references = prepared.flatMap { p in p.queries.map { _ in self.keyer.lookupReference(p.order.reference) } }
            do throws(HubsUnavailable) {
                let remote = try await Self.askHubs(hubs, queries: queries, references: references, purpose: .screening, log: database)
                for i in candidates.indices {
                    let held = Set(candidates[i].map { "\($0.0.origin)/\($0.0.id)" })
                    candidates[i] += remote[i].filter { $0.0.origin != ownOrigin && !held.contains("\($0.0.origin)/\($0.0.id)") }
                }
            } catch {
                incomplete = error.message
            }
        }
        // The operator's suppressions in force (an impersonation victim's tokens match nothing):
        // read each time, as a `suppress` or `lift` may arrive while the node runs.
        let suppressed = try await database.suppressedTokens()
        // Records overdue for a review request today are taken as disputed (`ReviewStanding`).
        let overdue = try await database.overdueReviewPublications(on: Node.todayInJapan())
        var results = zip(queries, candidates).map {
            let r = LookupResult(query: $0, candidates: $1, suppressed: suppressed, overdue: overdue)
            return incomplete.map { r.markedIncomplete($0) } ?? r
        }[...]
        return prepared.map { p in
            let mine = results.prefix(p.queries.count)
            results = results.dropFirst(p.queries.count)
            return mine.max {
                ($0.strongest?.rawValue ?? 0, $0.reportCount, $0.impersonationMatches.count)
                    < ($1.strongest?.rawValue ?? 0, $1.reportCount, $1.impersonationMatches.count)
            }!
        }
    }

    /// The hubs' candidates for each query (none for a query without tokens), asked in requests
    /// of at most `HubLookupRequest.maxQueries` queries.
    /// Each request goes into the shop's own check log (`log`), answered or not.
    static func askHubs(_ hubs: any HubLookupClient, queries: [[BlindToken]], references: [[UInt8]?] = [],
                        purpose: LookupPurpose, log: AppDatabase) async throws(HubsUnavailable) -> [[(RecordSummary, Set<TokenValue>)]] {
        var out = [[(RecordSummary, Set<TokenValue>)]](repeating: [], count: queries.count)
        let asked = queries.indices.filter { !queries[$0].isEmpty }
        for start in stride(from: 0, to: asked.count, by: HubLookupRequest.maxQueries) {
            let part = Array(asked[start..<min(start + HubLookupRequest.maxQueries, asked.count)])
            let sent = part.map { Array(queries[$0].prefix(HubLookupRequest.maxTokens)) }
            let refs = part.map { $0 < references.count ? references[$0] : nil }
            let request = HubLookupRequest(queries: sent, references: refs.map { $0.map(Hex.encode) }, purpose: purpose)
            let answer: HubLookupAnswer
            do throws(HubsUnavailable) {
                answer = try await hubs.lookup(request)
            } catch {
                try? await log.recordCheck(LookupAuditRow(at: Node.now(), member: nil, identities: sent.count, hits: 0,
                                                          purpose: purpose.rawValue, refused: false, references: refs.compactMap { $0 }))
                throw error
            }
            try? await log.recordCheck(LookupAuditRow(at: Node.now(), member: nil, identities: sent.count, hits: 1,
                                                      purpose: purpose.rawValue, refused: false, references: refs.compactMap { $0 }))
            let found: [[(RecordSummary, Set<TokenValue>)]]
            do { found = try answer.candidates(for: sent) } catch { throw HubsUnavailable(attempts: ["an answer that breaks the protocol (\(error))"]) }
            for (i, f) in zip(part, found) { out[i] = f }
        }
        return out
    }

    /// Phase 3: velocity facts, rules, and the history queued for writing (``flushHistory()``
    /// waits for it). The keyed tokens and the rules are pure and run on all cores; only the
    /// velocity facts, which depend on the orders before, are read in order under the lock.
    public func decide(_ prepared: [Prepared], lookups: [LookupResult], now: Int64, recording: Bool = true) throws(StoreError) -> [ScreeningResult] {
        try decideAndSubmit(prepared, lookups: lookups, now: now, recording: recording).results
    }

    private func decideAndSubmit(_ prepared: [Prepared], lookups: [LookupResult], now: Int64,
                                 recording: Bool) throws(StoreError) -> (results: [ScreeningResult], ticket: Int?) {
        // Fields read in place: copying a whole `Prepared` costs a retain per string it holds.
        let entries = Lanes.map(prepared.indices) { i in
            keyer.entry(reference: prepared[i].order.reference, recipient: prepared[i].recipient, billing: prepared[i].billing,
                        at: prepared[i].order.placedAt ?? now, payLater: prepared[i].order.payment?.isPayLater ?? false)
        }
        let order = prepared.indices.sorted { (prepared[$0].order.placedAt ?? now, $0) < (prepared[$1].order.placedAt ?? now, $1) }
        var facts = [VelocityFacts](repeating: VelocityFacts(), count: prepared.count)
        history.withLock { index in
            for i in order {
                facts[i] = index.facts(for: entries[i], policy: engine.policy)
                if recording { index.insert(entries[i]) }
            }
        }
        let known = facts
        let results = Lanes.map(prepared.indices) { i in
            let p = prepared[i]
            return engine.evaluate(ScreeningInput(order: p.order, billing: p.billing, recipient: p.recipient,
                                                  shipping: p.shipping, lookup: lookups[i], velocity: known[i]))
        }
        guard recording else { return (results, nil) }
        let rows = prepared.indices.map { i in (entry: entries[i], score: results[i].score, decision: results[i].decision) }
        let ticket = try writer.submit(rows, forgetBefore: now - Int64(engine.policy.historyDays) * 86_400)
        return (results, ticket)
    }
}
