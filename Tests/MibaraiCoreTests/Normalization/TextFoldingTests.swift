import Foundation
import MibaraiCore
import Testing

@Suite("TextFolding")
struct TextFoldingTests {
    /// The fast path must give exactly what full NFKC (plus canonical composition) gives.
    @Test("nfkc agrees with Foundation", arguments: [
        "山田　太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ ｳﾞｧ ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", "ｯﾞ", "ｱﾞ",
        "０９０－１２３４－５６７８", "（０３）１２３４ー５６７８", "〒１５０‐００４１", "ｋａｎａ．ｍｏｒｉ＠ｇｍａｉｌ．ｃｏｍ",
        "か\u{3099}は\u{309A}ウ\u{3099}ヽ\u{3099}", "𠮷田", "渡邉\u{E0100}", "福\u{FA1B}", "﨑", "①②", "ｶ ﾞ", "café",
        "「テスト」、。・ー", "―—–−─━", "\u{3000}\u{3000}",
    ])
    func nfkcAgrees(_ s: String) {
        var stripped = String.UnicodeScalarView()
        for u in s.unicodeScalars where !TextFolding.isVariationSelector(u) { stripped.append(u) }
        let reference = String(stripped).precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
        #expect(Array(TextFolding.nfkc(s).unicodeScalars) == Array(reference.unicodeScalars))
    }

    @Test func dashSetAndPredicateAgree() {
        for c in TextFolding.dashes {
            #expect(c.unicodeScalars.count == 1 && TextFolding.isDash(c.unicodeScalars.first!))
        }
        #expect(!TextFolding.isDash("~"))
    }
}
