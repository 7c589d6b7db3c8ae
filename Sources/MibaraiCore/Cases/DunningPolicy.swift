/// How fast a case climbs the ladder and when a rung is worth its cost. Every value has a default
/// with its reason; a shop changes them in `[dunning]` of mibarai.toml.
public struct DunningPolicy: Sendable, Hashable {
    /// Days after the order date that payment is due when the order has no due date. 14: the usual
    /// deadline of a 後払い invoice.
    public var paymentTermDays = 14
    /// Days after the due date before the first inquiry. 3: a bank transfer made on the last day can
    /// take that long to show, and a polite shop does not chase money already sent.
    public var inquiryGraceDays = 3
    /// Reminders before the firm notice. 2: the usual advice is two or three reminders a week apart.
    public var reminderCount = 2
    /// Days between contacts in the early rungs (inquiry → reminder → reminder → firm notice). 7.
    public var reminderIntervalDays = 7
    /// The deadline a firm notice gives, in days. 7: long enough to be fair, short enough to act on.
    public var firmNoticeDeadlineDays = 7
    /// Days after the firm notice before the 内容証明. 10: its deadline plus time for a late transfer.
    public var formalDemandAfterDays = 10
    /// The deadline a 内容証明 gives, in days. 10.
    public var formalDemandDeadlineDays = 10
    /// Days after the 内容証明 before the court (支払督促 / 少額訴訟). 14: its deadline plus post.
    public var legalActionAfterDays = 14
    /// Days a promise to pay is given beyond the promised date before the ladder goes on. 2.
    public var promiseGraceDays = 2
    /// Smallest amount still owed for which a 内容証明 is suggested. ¥3,000: the letter costs about
    /// ¥1,500 in fees and an hour of work.
    public var formalDemandMinimumYen = 3_000
    /// Smallest amount still owed for which the court is suggested. ¥10,000: filing fees and a day
    /// of work are small against it.
    public var legalActionMinimumYen = 10_000
    /// Smallest amount for which a police report is suggested in a deliberate case (a false address,
    /// returned letters). ¥1: fraud is reportable at any amount; raise it to match the shop's policy.
    public var policeReportMinimumYen = 1
    /// The rung at which the shop is offered to publish a blinded report of the unpaid order.
    /// The firm notice: by then the customer has had three chances and a clear deadline.
    public var reportStage: DunningStage = .firmNotice
    /// Days a closed case keeps the customer's personal data. 1,825 (five years): the limitation
    /// period of the claim, while a court or the police may still ask for the record. After that
    /// the name, kana, address, phone and e-mail are erased; amounts, dates and the timeline stay.
    public var keepClosedDays = 1_825

    public init() {}
}
