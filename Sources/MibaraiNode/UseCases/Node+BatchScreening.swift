import MibaraiCore
import MibaraiImport
import MibaraiStore

extension Node {
    /// What a file's screening came to.
    public struct BatchTally: Sendable {
        public var orders = 0
        /// Orders that matched at least one report.
        public var matched = 0
        /// Orders with nothing to screen (no identity, a broken row).
        public var unscreenable = 0
        public var decisions: [ScreeningDecision: Int] = [:]
    }

    /// Screens every order of a CSV export, in batches, and hands each order to `each` in the
    /// file's order (a result, or the reason it could not be screened). A large file reads the
    /// lookup index into memory once, so orders that match nothing (most of them) never reach
    /// SQLite. The velocity history is written behind the screening and waited for once at the end.
    ///
    /// - Parameters:
    ///   - screener: a running server's screener (its velocity history already in memory and
    ///     kept current); by default one is made for this file.
    ///   - progress: hears the number of orders once they are grouped (0 done), the index as it is
    ///     read, then the orders done after each batch.
    public func screenFile(
        _ file: OrderCSV, now: Int64, batch: Int = 10_000, screener given: OrderScreener? = nil,
        each: (OrderCSV.Group, Result<ScreeningResult, LocalizedProblem>) throws -> Void,
        progress: (FileScreeningProgress) -> Void = { _ in }
    ) async throws -> BatchTally {
        let groups = file.groups()
        // The number of orders is known once the rows are grouped: said before the index is read.
        progress(.screening(done: 0, of: groups.count))
        let index = file.rows.count >= 2000 ? try lookupIndex { read, of in progress(.readingIndex(read: read, of: of)) } : nil
        if index != nil { progress(.screening(done: 0, of: groups.count)) }
        let screener = try given ?? screener(now: now, tokenIndex: index)
        var tally = BatchTally()
        tally.orders = groups.count
        for start in stride(from: 0, to: groups.count, by: batch) {
            let slice = groups[start..<min(start + batch, groups.count)]
            let orders = slice.compactMap(\.order)
            let results: [ScreeningResult]
            do { results = try await screener.screen(orders, now: now, waitForHistory: false, index: index) } catch { throw NodeError.store(error) }
            var next = results.makeIterator()
            for group in slice {
                if group.order != nil, let r = next.next() {
                    tally.decisions[r.decision, default: 0] += 1
                    if !r.lookup.isEmpty { tally.matched += 1 }
                    try each(group, .success(r))
                } else {
                    tally.unscreenable += 1
                    try each(group, .failure(LocalizedProblem(group.problem ?? Localized(ja: "審査できません", en: "cannot be screened"))))
                }
            }
            progress(.screening(done: min(start + batch, groups.count), of: groups.count))
        }
        do { try await screener.flushHistory() } catch { throw NodeError.store(error) }
        return tally
    }
}

/// Why an order could not be screened, as an `Error` for a `Result`.
public struct LocalizedProblem: Error, Sendable {
    public let message: Localized
    public init(_ message: Localized) { self.message = message }
}
