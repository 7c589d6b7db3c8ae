/// Everything a lookup found for one identity: each matching record, strongest first, and the
/// totals a shop reads first ("3 reports from 2 shops, ¥48,000 unpaid").
///
/// A token the operator suppressed (an impersonation victim's, `Suppression`) never makes a match:
/// a record reached only through suppressed tokens is in ``impersonationMatches``, never in
/// ``matches``, and counts towards nothing; a record reached through other tokens too is a match
/// through those only (its ``RecordMatch/suppressed`` names the others).
public struct LookupResult: Sendable, Hashable {
    public let matches: [RecordMatch]
    /// Records reached only through suppressed tokens: shown as "なりすまし被害の届出あり", never
    /// counted, scored or totalled. Their ``RecordMatch/matched`` is empty.
    public let impersonationMatches: [RecordMatch]
    /// True when part of the federation could not be asked (no hub answered, `replicas = hubs`):
    /// the result holds only what was found, and "no match" does not mean there is none.
    public private(set) var incomplete = false
    /// Why, when it is incomplete (no hub reachable, or over the lookup quota).
    public private(set) var incompleteReason: Localized?

    /// Builds the result from the store's candidates.
    /// - Parameters:
    ///   - query: the tokens the lookup made (under every accepted epoch).
    ///   - candidates: each record that holds at least one of those token values, with the values it holds.
    ///   - suppressed: the tokens of suppressions in force (at least those of `query`), with why.
    ///   - overdue: records named in a review request whose deadline passed with no answer from
    ///     their origin (`ReviewStanding`): taken as disputed, whatever their status says.
    public init(query: [BlindToken], candidates: [(RecordSummary, Set<TokenValue>)], suppressed: [BlindToken: SuppressionReason] = [:],
                overdue: Set<ReportID> = []) {
        var typeOf: [TokenValue: TokenType] = [:]
        var suppressedValues: Set<TokenValue> = []
        for t in query {
            typeOf[t.value] = t.type
            if suppressed[t] != nil { suppressedValues.insert(t.value) }
        }
        let queryTypes = Set(query.map(\.type))
        let all: [RecordMatch] = candidates
            .map { (found: RecordSummary, values: Set<TokenValue>) -> RecordMatch in
                var summary = found
                if overdue.contains(summary.id) && summary.status != .withdrawn { summary.header.status = .disputed }
                let hit = values.filter { typeOf[$0] != nil }
                let counted = Set(hit.subtracting(suppressedValues).compactMap { typeOf[$0] })
                let ignored = Set(hit.intersection(suppressedValues).compactMap { typeOf[$0] })
                return RecordMatch(record: summary, matched: counted, queryTypes: queryTypes, suppressed: ignored)
            }
            .filter { (m: RecordMatch) in m.record.status != ReportStatus.withdrawn }
        func order(_ a: RecordMatch, _ b: RecordMatch) -> Bool {
            (a.strength, a.record.month, a.record.id.description) > (b.strength, b.record.month, b.record.id.description)
        }
        matches = all.filter { !$0.matched.isEmpty }.sorted(by: order)
        impersonationMatches = all.filter { $0.matched.isEmpty && !$0.suppressed.isEmpty }.sorted(by: order)
    }

    /// The same result, marked as missing what the hubs hold.
    public func markedIncomplete(_ reason: Localized? = nil) -> LookupResult {
        var r = self
        r.incomplete = true
        r.incompleteReason = reason
        return r
    }

    /// Whether a suppressed token reached any record (alone or beside others).
    public var touchesSuppression: Bool {
        !impersonationMatches.isEmpty || matches.contains { !$0.suppressed.isEmpty }
    }

    public var isEmpty: Bool { matches.isEmpty }
    public var reportCount: Int { matches.count }
    public var shopCount: Int { Set(matches.map(\.record.origin)).count }
    /// Sum of amounts still outstanding (open reports only).
    public var outstandingYen: Int { matches.filter(\.record.status.isOutstanding).reduce(0) { $0 + $1.record.amountYen } }
    public var strongest: MatchStrength? { matches.map(\.strength).max() }

    /// Matches at or above a strength.
    public func matches(atLeast strength: MatchStrength) -> [RecordMatch] { matches.filter { $0.strength >= strength } }

    /// One line for a shop: "2店舗から3件の報告 (強い一致)、未回収 ¥48,000".
    public var headline: Localized {
        let h = completeHeadline
        guard incomplete else { return h }
        return Localized(ja: h.ja + " (\(Self.incompleteNote.ja))", en: h.en + " (\(Self.incompleteNote.en))")
    }

    /// What an incomplete result says beside its answer, wherever it is shown.
    public static let incompleteNote = Localized(ja: "照会が不完全: ハブが応答せず、他店の報告は未確認",
                                                 en: "incomplete: no hub answered, other shops' reports not checked")

    private var completeHeadline: Localized {
        guard let strongest else {
            let n = impersonationMatches.count
            guard n > 0 else { return Localized(ja: "該当なし", en: "no match") }
            let label = SuppressionReason.impersonation.label
            return Localized(ja: "該当なし (\(label.ja): \(n)件の報告が届出のある情報でのみ一致、数えない)",
                             en: "no match (\(label.en): \(n) report\(n == 1 ? "" : "s") match\(n == 1 ? "es" : "") only on the victim's details, not counted)")
        }
        let yen = Self.yen(outstandingYen)
        let shopCount = shopCount
        // Reports that are not an open loss are named, so "¥0 outstanding" is never a puzzle.
        var ja = "", en = ""
        for status in [ReportStatus.paid, .settled, .disputed] {
            let n = matches.filter { $0.record.status == status }.count
            guard n > 0 else { continue }
            ja += "、うち\(status.label.ja) \(n)件"
            en += ", \(n) \(status.label.en)"
        }
        return Localized(
            ja: "\(shopCount)店舗から\(reportCount)件の報告 (最も強い一致: \(strongest.label.ja))、未回収 \(yen)\(ja)",
            en: "\(reportCount) report\(reportCount == 1 ? "" : "s") from \(shopCount) shop\(shopCount == 1 ? "" : "s") (strongest: \(strongest.label.en)), \(yen) outstanding\(en)"
        )
    }

    /// `¥48,000`.
    public static func yen(_ amount: Int) -> String { (amount < 0 ? "-¥" : "¥") + grouped(amount.magnitude) }

    /// 12800 → "12,800".
    public static func grouped(_ n: UInt) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
