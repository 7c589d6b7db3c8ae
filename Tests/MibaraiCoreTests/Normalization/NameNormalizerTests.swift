import MibaraiCore
import Testing

@Suite("NameNormalizer")
struct NameNormalizerTests {
    @Test("variants of one name meet", arguments: [
        ["高橋 真", "髙橋　眞", "髙橋真 様", " 高橋  真さま"],
        ["山崎 沙耶", "山﨑沙耶", "山嵜 沙耶"],
        ["渡辺 陸", "渡邊 陸", "渡邉 陸", "渡邉\u{E0100}陸"],
        ["斎藤 舞", "齋藤 舞", "齊藤 舞", "斉藤 舞"],
        ["吉田 湊", "𠮷田 湊"],
        ["島田 蓮", "嶋田 蓮", "嶌田 蓮"],
    ])
    func variantsMeet(_ forms: [String]) {
        let out = Set(forms.map { NameNormalizer.normalize($0) })
        #expect(out.count == 1)
        #expect(!out.contains(nil))
    }

    @Test("different names stay apart", arguments: [
        ("上田 碧斗", "植田 碧斗"),
        ("佐藤 里彩", "佐藤 律早"),
        ("広田 宏", "広田 弘"),
        ("坂本 純", "阪本 純"),
        ("一郎", "壱郎"),
        ("鈴木 恵", "鈴木 慧"),
        ("山田 太郎", "山田 泰郎"),
        ("大沢 朝日", "大沢 朝妃"),
        ("伊藤 祐介", "伊藤 右介"),
    ])
    func differentNames(_ a: String, _ b: String) {
        #expect(NameNormalizer.normalize(a) != NameNormalizer.normalize(b))
    }

    @Test func honorificOnlyAtTheEnd() {
        #expect(NameNormalizer.normalize("様田 花") == "様田花")
        #expect(NameNormalizer.normalize("森 花 御中") == "森花")
        #expect(NameNormalizer.normalize("森 ひさま") == "森ひさま")
        #expect(NameNormalizer.normalize("様 ") == nil)
    }

    @Test func variantTableLoaded() {
        #expect(VariantKanji.count > 1000)
        #expect(VariantKanji.fold("髙﨑德濱澤邊") == "高崎徳浜沢辺")
        #expect(VariantKanji.fold("abc 東京") == "abc 東京")
    }
}
