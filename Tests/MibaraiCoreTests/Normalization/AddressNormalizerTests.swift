import MibaraiCore
import Testing

@Suite("Address normaliser")
struct AddressNormalizerTests {
    static let normalizer = AddressNormalizer(directory: try! PostalDirectory.bundled())

    func canonical(_ raw: String, _ code: String? = nil) -> String? {
        Self.normalizer.normalize(raw, postalCode: code)?.canonical
    }

    @Test("a neighbour in the same building (other room) stays different")
    func roomDiffers() {
        let a = canonical("東京都江東区古石場1丁目2番3号 メゾン古石場301号室", "1350045")
        let b = canonical("東京都江東区古石場1丁目2番3号 メゾン古石場302号室", "1350045")
        #expect(a == "東京都|江東区|古石場|1-2-3|301")
        #expect(a != b)
    }

    @Test("one block number off stays different")
    func blockDiffers() {
        let a = canonical("江東区古石場1-2-3", "1350045")
        #expect(a != canonical("江東区古石場1-2-4", "1350045"))
        #expect(a != canonical("江東区古石場2-2-3", "1350045"))
        #expect(a != canonical("江東区古石場1-3-3", "1350045"))
    }

    @Test("the same town name in another city stays different")
    func sameTownOtherCity() {
        let a = canonical("和歌山県日高郡美浜町和田100番地2", "6440044")
        let b = canonical("福井県三方郡美浜町和田100番地2", "9191121")
        #expect(a != nil && b != nil && a != b)
        // Written without prefecture and 郡, the postal code still tells them apart.
        #expect(canonical("美浜町和田100-2", "6440044") == a)
        #expect(canonical("美浜町和田100-2", "9191121") == b)
    }

    @Test("many ways to type one address meet")
    func variantsMeet() {
        let forms = [
            "東京都江東区古石場1丁目2番3号 メゾン古石場301号室",
            "江東区古石場一丁目二番三号　ﾒｿﾞﾝ古石場 301",
            "〒135-0045 江東区 古石場１－２－３－３０１",
            "江東区古石場1の2の3 メゾン古石場#301",
            "東京都江東区古石場1丁目2番地3　301号室",
            "  東京都江東区古石場1ー2ー3 メゾン古石場ー301 ",
        ]
        let outs = Set(forms.map { canonical($0, "1350045") })
        #expect(outs == ["東京都|江東区|古石場|1-2-3|301"])
    }

    @Test("a hold is marked and names the office")
    func hold() throws {
        let a = try #require(Self.normalizer.normalize("岐阜県大垣市 大垣郵便局留め", postalCode: "5038799"))
        #expect(a.isPostOfficeHold)
        #expect(a.postOffice == "大垣")
        #expect(a.canonical == "KYOKUDOME|岐阜県|大垣市|大垣")
        #expect(canonical("局留め 大垣郵便局", "5038799") == a.canonical)
        let home = try #require(Self.normalizer.normalize("江東区古石場1-2-3", postalCode: "1350045"))
        #expect(!home.isPostOfficeHold)
        #expect(home.town == "古石場" && home.block == "1-2-3" && home.room == "")
    }

    @Test("nothing usable gives nil", arguments: ["", "   ", "グランドメゾン305号室", "!!!", "東京都"])
    func unusable(raw: String) {
        #expect(canonical(raw, "1350045") == nil)
    }

    @Test("absurdly long numerals neither crash nor wrap around", arguments: [
        "東京都千代田区" + String(repeating: "九", count: 25) + "丁目",
        "東京都千代田区千代田" + String(repeating: "千", count: 40) + "番地",
        "東京都千代田区千代田" + String(repeating: "9", count: 40) + "-1",
    ])
    func absurdNumerals(raw: String) {
        let out = canonical(raw, "1000001")
        #expect(out.map { !$0.contains("-") || !$0.split(separator: "|").contains(where: { $0.hasPrefix("-") }) } ?? true)
    }
}
