import Foundation
import MibaraiCore
import Synchronization

/// Screens orders on a node: normalises them, looks them up in the blinded records, reads and
/// extends the velocity history, and applies the shop's rules. Shared by `mibarai check --csv`,
/// the HTTP API and the benchmark; safe to call from many tasks (the history is behind a lock,
/// each batch is one write transaction).
///
/// The three phases are public so that the benchmark can time them apart; ``screen(_:now:)``
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
    private let blinders: [Blinder]
    private let keyer: VelocityKeyer
    private let tokenIndex: TokenIndex?
    private let history: Mutex<VelocityIndex>

    /// - Parameters:
    ///   - velocityKey: the node's own 32-byte key for the velocity history's tokens.
    ///   - now: the current time (seconds since 1970), to load the history window.
    ///   - tokenIndex: the lookup index in memory, for large batches and the server.
    public init(database: AppDatabase, normalizer: Normalizer, keyring: Keyring, policy: ScreeningPolicy,
                velocityKey: [UInt8], now: Int64, tokenIndex: TokenIndex? = nil) throws(StoreError) {
        self.database = database
        self.normalizer = normalizer
        self.engine = ScreeningEngine(policy: policy)
        self.blinders = keyring.blinders
        self.keyer = VelocityKeyer(key: velocityKey)
        self.tokenIndex = tokenIndex
        let since = now - Int64(policy.historyDays) * 86_400
        self.history = Mutex(VelocityIndex(try database.screenedOrders(since: since)))
    }

    /// Screens orders, records them in the velocity history and returns one result per order,
    /// in the order given. Orders are fed to the history oldest first (exports often list the
    /// newest first); an order without a time is placed at `now`.
    public func screen(_ orders: [Order], now: Int64) throws(StoreError) -> [ScreeningResult] {
        let prepared = prepare(orders)
        let lookups = try lookup(prepared)
        return try decide(prepared, lookups: lookups, now: now)
    }

    /// Phase 1: normalisation and blinding.
    public func prepare(_ orders: [Order]) -> [Prepared] {
        // Pure work: split across the cores for large batches.
        Self.parallelMap(orders.indices) { i in self.prepareSerially(orders[i...i])[0] }
    }

    private func prepareSerially(_ orders: ArraySlice<Order>) -> [Prepared] {
        orders.map { order in
            let billing = normalizer.normalize(order.billing)
            let recipient = order.shipping == nil ? billing : normalizer.normalize(order.recipient)
            let shipping = order.shipping.map(normalizer.normalize)
            var queries = [blinders.flatMap { $0.tokens(for: billing) }]
            if order.shipping != nil && recipient != billing { queries.append(blinders.flatMap { $0.tokens(for: recipient) }) }
            return Prepared(order: order, billing: billing, recipient: recipient, shipping: shipping, queries: queries)
        }
    }

    /// Phase 2: the federation lookups, in one read transaction (or the in-memory index). Of
    /// the customer's and the recipient's results, the one with the stronger match is kept.
    public func lookup(_ prepared: [Prepared]) throws(StoreError) -> [LookupResult] {
        let queries = prepared.flatMap(\.queries)
        let candidates = try database.candidates(for: queries, index: tokenIndex)
        var results = zip(queries, candidates).map { LookupResult(query: $0, candidates: $1) }[...]
        return prepared.map { p in
            let mine = results.prefix(p.queries.count)
            results = results.dropFirst(p.queries.count)
            return mine.max { ($0.strongest?.rawValue ?? 0, $0.reportCount) < ($1.strongest?.rawValue ?? 0, $1.reportCount) }!
        }
    }

    /// Phase 3: velocity facts, rules, and the history written (one transaction). The keyed
    /// tokens and the rules are pure and run on all cores; only the velocity facts, which depend
    /// on the orders before, are read in order under the lock.
    public func decide(_ prepared: [Prepared], lookups: [LookupResult], now: Int64) throws(StoreError) -> [ScreeningResult] {
        let entries = Self.parallelMap(prepared.indices) { i in
            let p = prepared[i]
            return keyer.entry(reference: p.order.reference, recipient: p.recipient, billing: p.billing,
                               at: p.order.placedAt ?? now, payLater: p.order.payment?.isPayLater ?? false)
        }
        let order = prepared.indices.sorted { (prepared[$0].order.placedAt ?? now, $0) < (prepared[$1].order.placedAt ?? now, $1) }
        var facts = [VelocityFacts](repeating: VelocityFacts(), count: prepared.count)
        history.withLock { index in
            for i in order {
                facts[i] = index.facts(for: entries[i], policy: engine.policy)
                index.insert(entries[i])
            }
        }
        let known = facts
        let results = Self.parallelMap(prepared.indices) { i in
            let p = prepared[i]
            return engine.evaluate(ScreeningInput(order: p.order, billing: p.billing, recipient: p.recipient,
                                                  shipping: p.shipping, lookup: lookups[i], velocity: known[i]))
        }
        let rows = prepared.indices.map { i in (entry: entries[i], score: results[i].score, decision: results[i].decision) }
        try database.recordScreened(rows, forgetBefore: now - Int64(engine.policy.historyDays) * 86_400)
        return results
    }

    /// `indices.map(transform)`, split across the cores for large batches; same order.
    static func parallelMap<T: Sendable>(_ indices: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
        let lanes = indices.count >= 256 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        guard lanes > 1 else { return indices.map(transform) }
        let chunk = (indices.count + lanes - 1) / lanes
        let parts = Mutex([[T]](repeating: [], count: lanes))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let lo = indices.lowerBound + min(lane * chunk, indices.count)
            let hi = indices.lowerBound + min((lane + 1) * chunk, indices.count)
            let done = (lo..<hi).map(transform)
            parts.withLock { $0[lane] = done }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
