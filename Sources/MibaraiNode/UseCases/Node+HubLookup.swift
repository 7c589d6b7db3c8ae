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
    /// the operator's log. The member's quota is taken first (``HubLookupRefusal`` when over it),
    /// and every lookup, refused or answered, goes into the audit. Throws `HubLookupError` for a
    /// request that breaks the rules.
    public func answerHubLookup(
        _ request: HubLookupRequest, from member: NodeID, quotas: HubQuotas, now: Int64 = Node.now(), index: TokenIndex? = nil
    ) async throws -> HubLookupOutcome {
        let queries = try request.validated()
        // One identity a query: at most one token of a type per epoch, else one query could test
        // many values for the price of one.
        let perType = quotas.tokensPerType
        for q in queries where Dictionary(grouping: q, by: \.type).values.contains(where: { $0.count > perType }) {
            throw HubLookupError("more than \(perType) token(s) of one type in a query (one per epoch)")
        }
        let references = request.queries.compactMap { $0.reference.flatMap(Hex.decode) }
        if case .refused(let retryAfter, let daily) = quotas.take(queries.count, by: member, now: now) {
            try await database.recordLookup(LookupAuditRow(at: now, member: member, identities: queries.count, hits: 0,
                                                           purpose: request.purpose.rawValue, refused: true, references: references))
            throw HubLookupRefusal(retryAfter: retryAfter, daily: daily)
        }
        let answer = try await answer(request, queries: queries, index: index)
        let hits = answer.results.filter { !$0.records.isEmpty }.count
        try await database.recordLookup(LookupAuditRow(at: now, member: member, identities: queries.count, hits: hits,
                                                       purpose: request.purpose.rawValue, refused: false, references: references))
        return HubLookupOutcome(answer: answer, alerts: try alerts(for: member, quotas: quotas, now: now))
    }

    /// The member's lookups today against its last 14 days, at most once a minute per member.
    func alerts(for member: NodeID, quotas: HubQuotas, now: Int64) throws -> Set<LookupAlert> {
        guard quotas.alertCheckDue(for: member, now: now) else { return [] }
        let day = QuotaLedger.day(at: now)
        let totals = try database.lookupTotals(since: LocalDate(daysSinceEpoch: day.daysSinceEpoch - 14), member: member)
        let today = totals.filter { $0.day == day }
        let past = totals.filter { $0.day != day }
        let found = LookupAlert.check(todayIdentities: today.reduce(0) { $0 + $1.identities }, todayHits: today.reduce(0) { $0 + $1.hits },
                                      historyIdentities: past.reduce(0) { $0 + $1.identities }, historyHits: past.reduce(0) { $0 + $1.hits })
        return quotas.fresh(found, for: member, on: day)
    }

    private func answer(_ request: HubLookupRequest, queries: [[BlindToken]], index: TokenIndex?) async throws -> HubLookupAnswer {
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
        var incomplete: Localized?
        do throws(HubsUnavailable) {
            let remote = try await OrderScreener.askHubs(hubs, queries: queries, purpose: .lookup, log: database)
            for i in candidates.indices {
                candidates[i] += remote[i].filter { $0.0.origin != configuration.nodeID }
            }
        } catch {
            incomplete = error.message
        }
        return zip(queries, candidates).map {
            let r = LookupResult(query: $0, candidates: $1, suppressed: suppressed, overdue: overdue)
            return incomplete.map { r.markedIncomplete($0) } ?? r
        }
    }
}

extension Node {
    /// A member's own lookups at this hub over the last `days` days, newest first.
    public func hubAudit(of member: NodeID, days: Int, now: Int64 = Node.now()) throws(NodeError) -> [LookupAuditRow] {
        do { return try database.lookups(of: member, since: now - Int64(days) * 86_400) } catch { throw .store(error) }
    }

    /// Every member's lookups per day at this hub since `days` days ago (the operator's view).
    public func hubLookupTotals(days: Int, now: Int64 = Node.now()) throws(NodeError) -> [LookupDayTotal] {
        let since = LocalDate(daysSinceEpoch: QuotaLedger.day(at: now).daysSinceEpoch - days + 1)
        do { return try database.lookupTotals(since: since) } catch { throw .store(error) }
    }

    /// This shop's own record of what it asked the hubs over the last `days` days.
    public func checkLog(days: Int, now: Int64 = Node.now()) throws(NodeError) -> [LookupAuditRow] {
        do { return try database.checks(since: now - Int64(days) * 86_400) } catch { throw .store(error) }
    }

    /// Forgets lookup audit rows (a hub's) and check-log rows (a shop's) older than
    /// `[federation] audit_retention_days`.
    @discardableResult
    public func purgeLookupAudit(now: Int64 = Node.now()) throws(NodeError) -> Int {
        let days = configuration.federation.auditRetentionDays
        do { return try database.purgeLookupAudit(before: now - Int64(days) * 86_400) } catch { throw .store(error) }
    }
}

extension Node {
    /// Members' admitted names, by node id, from this node's copy of the operator's log.
    public func memberNames(operator op: NodeID) throws(NodeError) -> [NodeID: String] {
        try operatorLog(op).members.mapValues(\.name)
    }
}
