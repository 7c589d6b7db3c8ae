import MibaraiCore
import MibaraiStore

extension Node {
    /// The federation's policy as this node's copy of the operator's log says it.
    public func federationPolicy(operator op: NodeID) throws(NodeError) -> FederationPolicy {
        do { return try database.federationPolicy(operator: op) } catch { throw .store(error) }
    }

    /// A hub answers a member's lookup (`POST /v1/federation/lookup`, `Protocol/hub-api.md`): the
    /// records holding the query's tokens, withdrawn ones left out, those overdue for a review
    /// request answered as disputed. Suppressions are applied by the asking shop, which holds
    /// the operator's log. Throws `HubLookupError` for a request that breaks the rules.
    public func answerHubLookup(_ request: HubLookupRequest, index: TokenIndex? = nil) async throws -> HubLookupAnswer {
        let queries = try request.validated()
        let candidates = try await database.candidates(for: queries, index: index)
        let overdue = try await database.overdueReviewPublications(on: Node.todayInJapan())
        let answered = candidates.map { found in
            found.compactMap { (summary: RecordSummary, values: Set<TokenValue>) -> (RecordSummary, Set<TokenValue>)? in
                guard summary.status != .withdrawn else { return nil }
                var s = summary
                if overdue.contains(s.id) { s.header.status = .disputed }
                return (s, values)
            }
        }
        return HubLookupAnswer(queries: queries, references: request.queries.map(\.reference), candidates: answered)
    }
}

extension Node {
    /// Looks identities' tokens up here and, under `replicas = hubs`, at the hubs too: one result
    /// per query, this node's own records read here, other shops' from the first hub that
    /// answers; marked incomplete when none does.
    public func lookup(queries: [[BlindToken]], hubs: (any HubLookupClient)?) async throws(NodeError) -> [LookupResult] {
        guard let hubs else { return try lookup(queries: queries) }
        let local: [[(RecordSummary, Set<TokenValue>)]]
        let suppressed: [BlindToken: SuppressionReason]
        let overdue: Set<ReportID>
        do {
            local = try await database.candidates(for: queries, index: nil)
            suppressed = try await database.suppressedTokens()
            overdue = try await database.overdueReviewPublications(on: today)
        } catch { throw .store(error) }
        var candidates = local
        var incomplete = false
        do {
            let remote = try await OrderScreener.askHubs(hubs, queries: queries, purpose: .lookup)
            for i in candidates.indices {
                candidates[i] += remote[i].filter { $0.0.origin != configuration.nodeID }
            }
        } catch {
            incomplete = true
        }
        return zip(queries, candidates).map {
            let r = LookupResult(query: $0, candidates: $1, suppressed: suppressed, overdue: overdue)
            return incomplete ? r.markedIncomplete() : r
        }
    }
}
