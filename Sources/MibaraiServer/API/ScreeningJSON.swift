import MibaraiCore

/// One screened order as JSON: the HTTP API's response and a line of `check --csv --json`.
/// Keys are snake_case (see Protocol/screening-api.yaml). It names rules, fields and reports,
/// never an identity value.
public struct ScreeningJSON: Encodable, Sendable {
    public struct Reason: Encodable, Sendable {
        public var rule: String
        public var weight: Int
        public var ja: String
        public var en: String
    }

    public struct Match: Encodable, Sendable {
        public var reportId: String
        public var origin: String
        public var category: String
        public var amountYen: Int
        public var month: String
        public var status: String
        public var strength: String
        public var matchedFields: [String]
        public var differingFields: [String]
        /// Fields found only through an impersonation victim's suppressed tokens (not counted).
        public var suppressedFields: [String]?
    }

    public struct Problem: Encodable, Sendable {
        public var ja: String
        public var en: String
    }

    /// First CSV line of the order (1-based, the header is line 1) and every line it spans.
    public var row: Int?
    public var rows: [Int]?
    public var reference: String?
    /// False when the order could not be screened (`error` says why).
    public var checkable: Bool
    public var score: Int?
    public var decision: String?
    public var allowListed: Bool?
    public var reasons: [Reason]?
    /// The lookup's answer; absent when the order could not be screened (nothing was looked up,
    /// so "no match" would not be true).
    public var matched: Bool?
    public var reports: Int?
    public var shops: Int?
    public var outstandingYen: Int?
    public var strongest: String?
    public var matches: [Match]?
    /// Reports reached only through an impersonation victim's suppressed tokens: not counted.
    public var impersonationVictimMatches: Int?
    /// True when no hub answered (`replicas = hubs`): other shops' reports were not checked.
    public var incomplete: Bool?
    /// For review and hold: a call script to confirm the order (`ScreeningResult.confirmationCall`).
    public var confirmationCall: Problem?
    public var error: Problem?

    public init(_ result: ScreeningResult, reference: String?) {
        self.reference = reference
        checkable = true
        score = result.score
        decision = result.decision.name
        allowListed = result.allowListed
        confirmationCall = result.confirmationCall.map { Problem(ja: $0.ja, en: $0.en) }
        reasons = result.contributions.map { Reason(rule: $0.rule.rawValue, weight: $0.weight, ja: $0.reason.ja, en: $0.reason.en) }
        let r = result.lookup
        matched = !r.isEmpty
        reports = r.reportCount
        shops = r.shopCount
        outstandingYen = r.outstandingYen
        strongest = r.strongest?.name
        matches = r.matches.map { m in
            Match(reportId: m.record.id.description, origin: m.record.origin, category: m.record.category.name,
                  amountYen: m.record.amountYen, month: m.record.month, status: m.record.status.name,
                  strength: m.strength.name, matchedFields: m.matchedFields.map(\.rawValue),
                  differingFields: m.differingFields.map(\.rawValue),
                  suppressedFields: m.suppressed.isEmpty ? nil : m.suppressedFields.map(\.rawValue))
        }
        impersonationVictimMatches = r.impersonationMatches.isEmpty ? nil : r.impersonationMatches.count
        incomplete = r.incomplete ? true : nil
    }

    /// An order that could not be screened.
    public init(problem: Localized, reference: String?) {
        self.reference = reference
        checkable = false
        error = Problem(ja: problem.ja, en: problem.en)
    }
}
