import MibaraiCore
import Testing

@Suite("PhoneNormalizer")
struct PhoneNormalizerTests {
    @Test("forms of one number meet", arguments: [
        ["090-8123-4567", "09081234567", "+81 90-8123-4567", "+81-90-8123-4567", "+81(0)90-8123-4567",
         "+819081234567", "０９０（８１２３）４５６７", "(090)8123-4567", "0908-123-4567", "090 8123 4567",
         "＋８１　９０－８１２３－４５６７", "090ｰ8123ｰ4567", " 09081234567（携帯）", "携帯:090-8123-4567"],
        ["03-5123-4567", "(03)5123-4567", "03(5123)4567", "+81 3-5123-4567", "0351234567 自宅"],
        ["0166-12-3456", "(0166)12-3456", "01661-2-3456", "+81 166 12 3456"],
    ])
    func formsMeet(_ forms: [String]) {
        let out = Set(forms.map { PhoneNormalizer.normalize($0) })
        #expect(out.count == 1)
        #expect(!out.contains(nil))
    }

    @Test("near numbers stay apart", arguments: [
        ("090-8123-4567", "090-8123-4568"),
        ("090-8123-4567", "090-8123-4576"),
        ("090-8123-4567", "080-8123-4567"),
        ("090-8123-4567", "070-8123-4567"),
        ("03-5123-4567", "06-5123-4567"),
    ])
    func nearNumbers(_ a: String, _ b: String) {
        let x = PhoneNormalizer.normalize(a), y = PhoneNormalizer.normalize(b)
        #expect(x != nil)
        #expect(x != y)
    }

    @Test("invalid by the numbering plan", arguments: [
        "090-0123-4567", "020-123-4567", "03-1234-567", "0312345678901", "010-1234-5678",
        "012-345-678", "9081234567", "+1 415 555 0100", "+81", "090-1234-5678 03-1234-5678",
    ])
    func invalid(_ raw: String) {
        #expect(PhoneNormalizer.normalize(raw) == nil)
    }

    @Test func numberingPlanKinds() {
        #expect(NumberingPlan.kind(ofNationalNumber: "9081234567") == .mobile)
        #expect(NumberingPlan.kind(ofNationalNumber: "351234567") == .fixedLine)
        #expect(NumberingPlan.kind(ofNationalNumber: "5031234567") == .voip)
        #expect(NumberingPlan.kind(ofNationalNumber: "120123456") == .tollFree)
        #expect(NumberingPlan.kind(ofNationalNumber: "9001234567") == nil)
        #expect(NumberingPlan.count > 100)
    }
}
