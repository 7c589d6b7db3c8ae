/// Why an event cannot be added to a case. A struct around a private enum; the message is
/// bilingual and never contains personal data.
public struct CaseError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case closed, dateInFuture, beforeLastEvent(LocalDate), beforeOrder, beforeOpening(LocalDate)
        case paymentNotPositive, paymentTooLarge(Int), promiseMissingDate, promiseInPast
        case amountNotPositive, notLoggable(CaseEventKind), stageNotAContact, nothingOwed
        case stageNotForKind(CaseEventKind, DunningStage), stillOwed(Int), tooEarlyToReport(DunningStage), amountTooLarge, alreadyReported
        case beforeDeadline(LocalDate)
        case refusedBeforeShipping, refusedAndDelivered
        case amountNotForKind, promisedDateNotForKind
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    /// True when the request itself does not fit (a field given with an event that takes none),
    /// rather than the values: a face answers it as a usage error.
    public var isUsage: Bool { kind == .amountNotForKind || kind == .promisedDateNotForKind }

    public static let closed = Self(.closed)
    public static let dateInFuture = Self(.dateInFuture)
    public static func beforeLastEvent(_ last: LocalDate) -> Self { Self(.beforeLastEvent(last)) }
    public static let beforeOrder = Self(.beforeOrder)
    /// A parcel refused (`--refused-on`) before the day it was shipped.
    public static let refusedBeforeShipping = Self(.refusedBeforeShipping)
    /// A parcel both refused and delivered: the letters would tell the customer both.
    public static let refusedAndDelivered = Self(.refusedAndDelivered)
    public static func beforeOpening(_ opened: LocalDate) -> Self { Self(.beforeOpening(opened)) }
    /// An amount given with an event that is not a payment.
    public static let amountNotForKind = Self(.amountNotForKind)
    /// A promised date given with an event that is not a promise to pay.
    public static let promisedDateNotForKind = Self(.promisedDateNotForKind)
    public static let paymentNotPositive = Self(.paymentNotPositive)
    public static func paymentTooLarge(outstanding: Int) -> Self { Self(.paymentTooLarge(outstanding)) }
    public static let promiseMissingDate = Self(.promiseMissingDate)
    public static let promiseInPast = Self(.promiseInPast)
    public static let amountNotPositive = Self(.amountNotPositive)
    public static func notLoggable(_ kind: CaseEventKind) -> Self { Self(.notLoggable(kind)) }
    public static let stageNotAContact = Self(.stageNotAContact)
    public static let nothingOwed = Self(.nothingOwed)
    public static func stageNotForKind(_ kind: CaseEventKind, _ stage: DunningStage) -> Self { Self(.stageNotForKind(kind, stage)) }
    public static func stillOwed(_ outstanding: Int) -> Self { Self(.stillOwed(outstanding)) }
    public static func tooEarlyToReport(_ stage: DunningStage) -> Self { Self(.tooEarlyToReport(stage)) }
    public static let amountTooLarge = Self(.amountTooLarge)
    public static let alreadyReported = Self(.alreadyReported)
    public static func beforeDeadline(_ deadline: LocalDate) -> Self { Self(.beforeDeadline(deadline)) }

    public var message: Localized {
        switch kind {
        case .closed:
            Localized(ja: "この案件は終了しています。", en: "This case is closed.")
        case .dateInFuture:
            Localized(ja: "日付が未来です。起きたことだけを記録してください。", en: "The date is in the future: record only what has happened.")
        case .beforeLastEvent(let d):
            Localized(
                ja: "日付が前回の記録 (\(d)) より前です。時系列の順に記録してください。",
                en: "The date is before the last event (\(d)): record events in the order they happened."
            )
        case .beforeOpening(let d):
            Localized(
                ja: "日付が案件の開始日 (\(d)) より前です。それ以前の連絡も記録するには、case open --opened-on で開始日を早めて案件を開いてください。",
                en: "The date is before the case was opened (\(d)); to record earlier contacts, open the case with an earlier --opened-on."
            )
        case .beforeOrder:
            Localized(ja: "日付が注文日より前です。", en: "The date is before the order date.")
        case .refusedBeforeShipping:
            Localized(ja: "受取拒否の日 (--refused-on) が発送日 (--ship-date) より前です。", en: "The refusal date (--refused-on) is before the ship date (--ship-date).")
        case .refusedAndDelivered:
            Localized(ja: "受取拒否の日 (--refused-on) と配達日 (--delivered-on) は同時に指定できません (受け取りを拒まれた荷物は配達されていません)。",
                      en: "A refusal date (--refused-on) and a delivery date (--delivered-on) cannot both be given: a refused parcel was not delivered.")
        case .paymentNotPositive:
            Localized(ja: "入金額 (--amount) を1円以上で指定してください。", en: "Give the payment (--amount) in yen, 1 or more.")
        case .paymentTooLarge(let o):
            Localized(
                ja: "入金額が未払い残高 (\(LookupResult.yen(o))) を超えています。",
                en: "The payment is more than what is still owed (\(LookupResult.yen(o)))."
            )
        case .amountNotForKind:
            Localized(ja: "--amount (金額) は入金 (payment) にだけ指定できます。", en: "--amount applies only to a payment.")
        case .promisedDateNotForKind:
            Localized(ja: "--promised-date (約束の支払日) は支払いの約束 (promise) にだけ指定できます。",
                      en: "--promised-date applies only to a promise to pay.")
        case .promiseMissingDate:
            Localized(ja: "支払いの約束には約束の日付 (--promised-date) が必要です。", en: "A promise to pay needs the promised date (--promised-date).")
        case .promiseInPast:
            Localized(ja: "約束の日付が記録日より前です。", en: "The promised date is before the day the promise was made.")
        case .amountNotPositive:
            Localized(ja: "請求額 (--amount) を1円以上で指定してください。", en: "Give the amount owed (--amount) in yen, 1 or more.")
        case .notLoggable(let k):
            Localized(
                ja: "「\(k.label.ja)」は case log では記録できません (case open / case close を使ってください)。",
                en: "\"\(k.name)\" cannot be logged (use case open / case close)."
            )
        case .stageNotAContact:
            Localized(
                ja: "--stage は連絡 (メール・書面・電話・申立て) にだけ指定できます。",
                en: "--stage applies only to contacts (mail, letter, call, filing)."
            )
        case .nothingOwed:
            Localized(ja: "未払い残高がありません。", en: "Nothing is owed on this case.")
        case .stageNotForKind(let k, let s):
            Localized(
                ja: "「\(k.label.ja)」は「\(s.label.ja)」の段階にはなりません (内容証明は書面、申立て・被害届はその種類で記録)。",
                en: "A \(k.name) cannot be the \(s.name) rung (a 内容証明 is a letter; log filings and police reports as such)."
            )
        case .stillOwed(let o):
            Localized(
                ja: "まだ \(LookupResult.yen(o)) が未払いです。入金を記録する (case log --kind payment、画面では出来事「入金」) か、和解 (settled) として終えてください。",
                en: "\(LookupResult.yen(o)) is still owed: log the payment (case log --kind payment; on the page, the event \"payment received\") or close it as settled."
            )
        case .tooEarlyToReport(let s):
            Localized(
                ja: "報告の公開は「\(s.label.ja)」を送った後です (mibarai.toml の dunning.report_stage)。",
                en: "A report can be published once the case has reached \(s.label.en) (dunning.report_stage in mibarai.toml)."
            )
        case .amountTooLarge:
            Localized(ja: "金額が大きすぎます (上限 10億円)。", en: "The amount is too large (the limit is ¥1,000,000,000).")
        case .alreadyReported:
            Localized(ja: "この案件の報告はすでに公開されています。", en: "This case already has a published report.")
        case .beforeDeadline(let d):
            Localized(
                ja: "お客様に示したお支払い期限 (\(d)) が過ぎるまで、報告は公開できません。\(d.adding(days: 1)) 以降に公開してください。",
                en: "A report cannot be published before the payment deadline your letter gave the customer (\(d)) has passed: publish it from \(d.adding(days: 1)) on."
            )
        }
    }

    public var description: String { message.en }
}
