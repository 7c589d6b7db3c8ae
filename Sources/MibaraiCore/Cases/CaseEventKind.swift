/// What happened in a case. Codes are stored and append-only.
public enum CaseEventKind: UInt8, Sendable, Hashable, CaseIterable, Codable, NamedCode {
    /// The case was opened (always the first event).
    case opened = 1
    /// An e-mail or message was sent to the customer.
    case mailSent = 2
    /// A letter was posted (ordinary, registered or 内容証明).
    case letterSent = 3
    /// The shop called and spoke to the customer.
    case callMade = 4
    /// The shop called and nobody answered.
    case noAnswer = 5
    /// The customer promised to pay by a date.
    case promiseToPay = 6
    /// Money arrived (part or all of what is owed).
    case payment = 7
    /// A letter came back undelivered (宛所不明、受取拒否、保管期間経過).
    case letterReturned = 8
    /// The customer answered (mail, letter, call).
    case reply = 9
    /// Anything else worth keeping in the record.
    case note = 10
    /// A filing: 支払督促 or 少額訴訟 lodged with the court.
    case courtFiling = 11
    /// A 被害届 handed to the police.
    case policeReport = 12
    /// The case was closed (paid, settled or written off).
    case closed = 13
    /// A blinded report of the unpaid order was published from the case.
    case reportPublished = 14

    public var name: String {
        switch self {
        case .opened: "opened"
        case .mailSent: "mail-sent"
        case .letterSent: "letter-sent"
        case .callMade: "call-made"
        case .noAnswer: "no-answer"
        case .promiseToPay: "promise"
        case .payment: "payment"
        case .letterReturned: "letter-returned"
        case .reply: "reply"
        case .note: "note"
        case .courtFiling: "court-filing"
        case .policeReport: "police-report"
        case .closed: "closed"
        case .reportPublished: "report-published"
        }
    }

    public var label: Localized {
        switch self {
        case .opened: Localized(ja: "案件開始", en: "case opened")
        case .mailSent: Localized(ja: "メール送信", en: "mail sent")
        case .letterSent: Localized(ja: "書面発送", en: "letter posted")
        case .callMade: Localized(ja: "電話 (通話あり)", en: "phone call")
        case .noAnswer: Localized(ja: "電話 (応答なし)", en: "call, no answer")
        case .promiseToPay: Localized(ja: "支払いの約束", en: "promise to pay")
        case .payment: Localized(ja: "入金", en: "payment received")
        case .letterReturned: Localized(ja: "書面の返送", en: "letter returned")
        case .reply: Localized(ja: "顧客からの返答", en: "customer replied")
        case .note: Localized(ja: "メモ", en: "note")
        case .courtFiling: Localized(ja: "裁判所への申立て", en: "court filing")
        case .policeReport: Localized(ja: "被害届の提出", en: "police report filed")
        case .closed: Localized(ja: "案件終了", en: "case closed")
        case .reportPublished: Localized(ja: "報告を公開", en: "report published")
        }
    }

    /// Kinds a shop records with `case log` (opening and closing have their own commands).
    public static var loggable: [CaseEventKind] { allCases.filter { ![.opened, .closed, .reportPublished].contains($0) } }

    /// A contact the shop made: it counts as taking a step of the ladder.
    public var isContact: Bool {
        switch self {
        case .mailSent, .letterSent, .callMade, .noAnswer, .courtFiling, .policeReport: true
        default: false
        }
    }

    /// A demand the shop made to the customer that reached them or could have: a mail, a letter
    /// or a call that was answered (not an unanswered call, a court filing or a police report).
    public var isDemand: Bool {
        switch self {
        case .mailSent, .letterSent, .callMade: true
        default: false
        }
    }

    /// The rungs a contact of this kind can stand for: a mail or a call is at most a firm notice,
    /// only a letter can be the 内容証明, and a filing or police report is exactly that rung.
    public var stages: ClosedRange<DunningStage>? {
        switch self {
        case .mailSent, .callMade, .noAnswer: .inquiry ... .firmNotice
        case .letterSent: .inquiry ... .formalDemand
        case .courtFiling: .legalAction ... .legalAction
        case .policeReport: .policeReport ... .policeReport
        default: nil
        }
    }

}
