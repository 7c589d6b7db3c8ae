import MibaraiCore
import Testing

/// The operator's letter to a person who asked what is held about them.
@Suite("Subject reply letter")
struct SubjectReplyLetterTests {
    static let day = LocalDate(year: 2026, month: 12, day: 7)!
    static let request = ReviewRequestID(bytes: [UInt8](repeating: 0x7A, count: 16))!
    static let publication = ReportID(bytes: [UInt8](repeating: 1, count: 16))!

    @Test func theLetterSaysWhatWasFoundAndWhatEachShopAnswered() {
        let findings = [
            SubjectReplyLetter.Finding(shop: "shop-osaka-012", category: .nonPayment, month: "2026-10", amountYen: 12_800,
                                       answer: ReviewAnswer(request: Self.request, publication: Self.publication, answer: .kept, reason: "配達記録と督促の記録を確認しました"),
                                       standing: .answered),
            SubjectReplyLetter.Finding(shop: "shop-kobe-031", category: .codRefusal, month: "2026-09", amountYen: 5_400,
                                       answer: nil, standing: .overdue(since: Self.day)),
            SubjectReplyLetter.Finding(shop: "shop-kyoto-002", category: .chargeback, month: "2026-08", amountYen: 30_000,
                                       answer: ReviewAnswer(request: Self.request, publication: Self.publication, answer: .withdrawn),
                                       standing: .answered),
        ]
        let letter = SubjectReplyLetter(federation: "関西ネットショップ協会", personName: "見本 花子", kind: .disclosure,
                                        receivedOn: Self.day.adding(days: -20), deadline: Self.day.adding(days: -6), findings: findings, date: Self.day)
        let text = letter.text
        for phrase in ["2026年12月7日", "見本 花子 様", "関西ネットショップ協会", "開示の請求に対する回答", "2026年11月17日", "3 件",
                       "shop-osaka-012", "未払い", "2026年10月", "¥12,800", "維持すると回答", "配達記録と督促の記録を確認しました",
                       "shop-kobe-031", "受取拒否", "係争中", "shop-kyoto-002", "取り下げました", "敬具"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
    }

    @Test func nothingFoundIsSaidPlainly() {
        let letter = SubjectReplyLetter(federation: "関西ネットショップ協会", personName: nil, kind: .stopUse, receivedOn: Self.day,
                                        deadline: Self.day.adding(days: 14), findings: [], date: Self.day)
        #expect(letter.text.contains("ご請求者 様") && letter.text.contains("利用停止の請求に対する回答"))
        #expect(letter.text.contains("見つかりませんでした"))
    }

    @Test func anUnansweredRecordShowsItsDeadline() {
        let f = SubjectReplyLetter.Finding(shop: "shop-a", category: .nonPayment, month: "2026-10", amountYen: 1_000, answer: nil,
                                           standing: .awaiting(deadline: Self.day.adding(days: 7)))
        let letter = SubjectReplyLetter(federation: "協会", personName: "見本", kind: .correction, receivedOn: Self.day,
                                        deadline: Self.day.adding(days: 7), findings: [f], date: Self.day)
        #expect(letter.text.contains("確認中") && letter.text.contains("2026年12月14日"))
    }
}
