import MibaraiCore
import Testing

@Suite("KanaNormalizer")
struct KanaNormalizerTests {
    @Test("forms of one reading meet", arguments: [
        ["サワダ リョウタ", "さわだ　りょうた", "ｻﾜﾀﾞ ﾘｮｳﾀ", "ｻﾜﾀﾞﾘﾖｳﾀ", "サワダ リョウタ サマ"],
        ["ハットリ ユーコ", "はっとり ゆーこ", "ﾊｯﾄﾘ ﾕｰｺ", "ハツトリ　ユ－コ"],
        ["パク ガク", "ﾊﾟｸ ｶﾞｸ", "はﾟく か゛く"],
    ])
    func formsMeet(_ forms: [String]) {
        let out = Set(forms.map { KanaNormalizer.normalize($0) })
        #expect(out.count == 1)
        #expect(!out.contains(nil))
    }

    @Test("different readings stay apart", arguments: [
        ("ナカムラ ナツエ", "ナカムラ ナツイ"),
        ("ササキ サチエ", "ササキ ユキエ"),
        ("ユウコ", "ユーコ"),
        ("カトウ", "ガトウ"),
        ("ハナ", "バナ"),
        ("ハナ", "パナ"),
        ("オサマ", "オサ"),
    ])
    func differentReadings(_ a: String, _ b: String) {
        #expect(KanaNormalizer.normalize(a) != KanaNormalizer.normalize(b))
    }

    @Test func nonKanaIsNoValue() {
        #expect(KanaNormalizer.normalize("山田 タロウ") == nil)
        #expect(KanaNormalizer.normalize("Yamada") == nil)
        #expect(KanaNormalizer.normalize("タロウ1") == nil)
        #expect(KanaNormalizer.normalize(" \u{3000} ") == nil)
    }
}
