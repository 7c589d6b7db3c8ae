import MibaraiCore
import Testing

/// What a shop must not paste into a text other members read: an e-mail address, or a phone
/// number written as Japanese numbers are; dates and amounts pass.
@Suite("Personal data hints")
struct PersonalDataHintTests {
    @Test(arguments: ["090-1234-5678", "０９０１２３４５６７８", "(03) 3333-4444", "+81 90 1234 5678", "090.1234.5678", "連絡先 0120-123-456 まで"])
    func aPhoneNumberIsFound(text: String) {
        #expect(PersonalDataHint.find(in: text) == .phone, "\(text)")
    }

    @Test(arguments: ["2026-10-01 に注文", "12,800,000円", "注文番号 20261001123", "2026年10月の注文、3回督促", "第1234-5678号"])
    func datesAmountsAndNumbersPass(text: String) {
        #expect(PersonalDataHint.find(in: text) == nil, "\(text)")
    }

    @Test func anEmailAddressIsFound() {
        #expect(PersonalDataHint.find(in: "someone＠example.jp") == .email)
        #expect(PersonalDataHint.find(in: "a@b") == .email)
    }
}
