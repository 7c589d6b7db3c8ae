/// Everything a lookup found for one identity: each matching record, strongest first, and the
/// totals a shop reads first ("3 reports from 2 shops, ¥48,000 unpaid").
public struct LookupResult: Sendable, Hashable {
    public let matches: [RecordMatch]

    /// Builds the result from the store's candidates.
    /// - Parameters:
    ///   - query: the tokens the lookup made (under every accepted epoch).
    ///   - candidates: each record that holds at least one of those token values, with the values it holds.
    public init(query: [BlindToken], candidates: [(RecordSummary, Set<TokenValue>)]) {
        var typeOf: [TokenValue: TokenType] = [:]
        for t in query { typeOf[t.value] = t.type }
        let queryTypes = Set(query.map(\.type))
        matches = candidates
            .map { summary, values in
                RecordMatch(record: summary, matched: Set(values.compactMap { typeOf[$0] }), queryTypes: queryTypes)
            }
            .filter { !$0.matched.isEmpty && $0.record.status != .withdrawn }
            .sorted { ($0.strength, $0.record.month, $0.record.id.description) > ($1.strength, $1.record.month, $1.record.id.description) }
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
        guard let strongest else { return Localized(ja: "該当なし", en: "no match") }
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
