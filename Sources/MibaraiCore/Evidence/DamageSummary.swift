/// The damage one blinded identity did across shops, for a hub or the association to hand to the
/// police: how many shops, how many reports, how much is unpaid, over which months. It is built
/// from blinded records only, so it holds no personal data; the details come from each reporting
/// shop, with its consent, by report id.
public struct DamageSummary: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var origin: String
        public var reportID: String
        public var month: String
        public var category: String
        public var status: String
        public var amountYen: Int
        public var strength: String
    }

    public var shopCount: Int
    public var reportCount: Int
    /// Yen still unpaid (reports open or disputed).
    public var outstandingYen: Int
    /// Yen reported in all, including what was later paid or settled.
    public var reportedYen: Int
    /// First and last month of the incidents (yyyy-mm), nil when nothing matched.
    public var firstMonth: String?
    public var lastMonth: String?
    public var byCategory: [String: Int]
    public var entries: [Entry]

    /// Summarises the matches of at least `minimum` strength (household matches are other people
    /// at the same address and are left out by default).
    public init(_ result: LookupResult, minimum: MatchStrength = .probable) {
        let matches = result.matches(atLeast: minimum).filter { $0.record.status != .withdrawn }
        entries = matches.map { m in
            Entry(
                origin: m.record.origin, reportID: m.record.id.description, month: m.record.month,
                category: m.record.category.name, status: m.record.status.name, amountYen: m.record.amountYen,
                strength: m.strength.name
            )
        }.sorted { ($0.month, $0.origin, $0.reportID) < ($1.month, $1.origin, $1.reportID) }
        shopCount = Set(matches.map(\.record.origin)).count
        reportCount = matches.count
        outstandingYen = matches.filter(\.record.status.isOutstanding).reduce(0) { $0 + $1.record.amountYen }
        reportedYen = matches.reduce(0) { $0 + $1.record.amountYen }
        firstMonth = entries.map(\.month).min()
        lastMonth = entries.map(\.month).max()
        byCategory = Dictionary(grouping: matches, by: { $0.record.category.name }).mapValues(\.count)
    }
}
