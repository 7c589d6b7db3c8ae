import MibaraiCore

/// `check --json`: one object per order.
struct CheckJSON: Encodable {
    struct Match: Encodable {
        var reportId: String
        var origin: String
        var category: String
        var amountYen: Int
        var month: String
        var status: String
        var strength: String
        var matchedFields: [String]
        var differingFields: [String]
        /// Fields found only through an impersonation victim's suppressed tokens (not counted).
        var suppressedFields: [String]?
    }

    var row: Int?
    /// False when the order had no usable phone, e-mail or address: "no match" would mean nothing.
    var checkable = true
    var matched: Bool
    var reports: Int
    var shops: Int
    var outstandingYen: Int
    var strongest: String?
    var matches: [Match]
    /// Reports reached only through an impersonation victim's suppressed tokens: not counted.
    var impersonationVictimMatches: Int?
    /// True when no hub answered (`replicas = hubs`): other shops' reports were not checked.
    var incomplete: Bool?

    init(_ r: LookupResult) {
        incomplete = r.incomplete ? true : nil
        matched = !r.isEmpty
        reports = r.reportCount
        shops = r.shopCount
        outstandingYen = r.outstandingYen
        strongest = r.strongest?.name
        matches = r.matches.map { m in
            Match(
                reportId: m.record.id.description, origin: m.record.origin, category: m.record.category.name,
                amountYen: m.record.amountYen, month: m.record.month, status: m.record.status.name,
                strength: m.strength.name, matchedFields: m.matchedFields.map(\.rawValue),
                differingFields: m.differingFields.map(\.rawValue),
                suppressedFields: m.suppressed.isEmpty ? nil : m.suppressedFields.map(\.rawValue)
            )
        }
        impersonationVictimMatches = r.impersonationMatches.isEmpty ? nil : r.impersonationMatches.count
    }
}
