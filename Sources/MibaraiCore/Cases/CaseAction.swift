/// What the caller should do after an event was added to a case. The case itself does no I/O.
public enum CaseAction: Sendable, Hashable {
    /// The case reached the configured rung unpaid and has no report: offer the shop to publish
    /// a blinded report for this amount.
    case offerReport(amountYen: Int)
    /// The linked report's status follows the case (paid, settled).
    case setReportStatus(ReportID, ReportStatus)
    /// A part payment: the linked report's amount becomes what is still owed.
    case setReportAmount(ReportID, Int)
    /// The case closed (a payment cleared what was owed, or the shop closed it).
    case closed(CaseOutcome)
}
