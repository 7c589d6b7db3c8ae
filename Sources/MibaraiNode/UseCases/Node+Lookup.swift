import MibaraiCore
import MibaraiStore

extension Node {
    /// Looks identities up in one read transaction.
    public func lookup(_ identities: [Identity], index: TokenIndex? = nil) throws(NodeError) -> [LookupResult] {
        try lookup(queries: identities.map { queryTokens($0) }, index: index)
    }

    /// Looks up identities already turned into their tokens. The operator's suppressions in force
    /// are read with them: a suppressed token makes no match (`LookupResult`); so are the records
    /// overdue for a review request today, taken as disputed (`ReviewStanding`).
    public func lookup(queries: [[BlindToken]], index: TokenIndex? = nil) throws(NodeError) -> [LookupResult] {
        let candidates: [[(RecordSummary, Set<TokenValue>)]]
        let suppressed: [BlindToken: SuppressionReason]
        let overdue: Set<ReportID>
        do {
            candidates = try database.candidates(for: queries, index: index)
            suppressed = try database.suppressedTokens()
            overdue = try database.overdueReviewPublications(on: today)
        } catch { throw .store(error) }
        return zip(queries, candidates).map { LookupResult(query: $0, candidates: $1, suppressed: suppressed, overdue: overdue) }
    }
}
