/// How long a report is kept and matched, per category, counted from the incident date.
///
/// Defaults follow the limitation periods a shop's claim lives under: five years for money owed
/// (民法166条: five years from when the creditor knew it could claim), three for the rest, where the
/// record mainly warns other shops of a pattern.
public struct RetentionPolicy: Sendable, Hashable {
    public var days: [ReportCategory: Int]

    public static let defaultDays: [ReportCategory: Int] = [
        .nonPayment: 5 * 365,
        .codRefusal: 3 * 365,
        .chargeback: 5 * 365,
        .maliciousComplaint: 3 * 365,
        .fraudulentOrder: 5 * 365,
        .other: 2 * 365,
    ]

    public init(days: [ReportCategory: Int] = RetentionPolicy.defaultDays) {
        self.days = RetentionPolicy.defaultDays.merging(days) { _, new in new }
    }

    public func expiry(for category: ReportCategory, incident: LocalDate) -> LocalDate {
        incident.adding(days: days[category] ?? 365)
    }
}
