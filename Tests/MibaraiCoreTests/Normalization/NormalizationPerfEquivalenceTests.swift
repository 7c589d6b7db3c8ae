import Foundation
@testable import MibaraiCore
import Testing

/// The fast paths added for speed must answer exactly like the general code they replace.
@Suite("Normalization fast paths")
struct NormalizationPerfEquivalenceTests {
    @Test("the White_Space table matches Unicode.Scalar.Properties.isWhitespace")
    func whiteSpaceTable() {
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            #expect(TextFolding.isWhiteSpace(v) == u.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    @Test("the variant-kanji bitmap holds exactly the BMP keys of the table")
    func variantBitmap() {
        for v in UInt32(0x3400)..<0x10000 {
            #expect(VariantKanji.bmpVariants.contains(v) == (VariantKanji.table[v] != nil))
        }
        for (old, _) in PlaceKey.variantKanji where old.value < 0x10000 {
            #expect(PlaceKey.variantKanjiKeys.contains(old.value))
        }
    }

    @Test("the hash index answers like the dictionary it was built from")
    func hashIndex() {
        var rng = SystemRandomNumberGenerator()
        var pairs: [UInt64: Int32] = [:]
        for i in 0..<5_000 { pairs[rng.next()] = Int32(i) }
        let index = HashIndex(pairs)
        for (k, v) in pairs { #expect(index[k] == v) }
        for _ in 0..<20_000 {
            let k: UInt64 = rng.next()
            #expect(index[k] == pairs[k])
        }
        #expect(HashIndex([:])[42] == nil)
    }

    @Test("nfkcScalars is the scalars of nfkc", arguments: [
        "", "abc", "山田　太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "ｯﾞ", "か\u{3099}", "渡邉\u{E0100}", "福\u{FA1B}", "①②", "café", "ｶ ﾞ",
    ])
    func nfkcScalars(_ s: String) {
        #expect(TextFolding.nfkcScalars(s) == Array(TextFolding.nfkc(s).unicodeScalars))
    }

    @Test("the UTF-8 builder encodes every scalar width like String does")
    func utf8Builder() {
        let s = "a\u{7F}\u{80}é\u{7FF}\u{800}山\u{FFFD}\u{10000}𠮷\u{10FFFF}"
        var b = UTF8Builder(capacity: 0)
        b.append(contentsOf: s.unicodeScalars)
        #expect(b.string == s)
        #expect(Array(b.string.utf8) == Array(s.utf8))
    }

    /// The fast NFKC path composes (han)dakuten by arithmetic; it must agree with canonical
    /// composition for every kana (and the iteration marks) before either mark.
    @Test("composeKana is canonical composition")
    func composeKana() {
        for v in UInt32(0x3040)...0x30FF {
            let base = Unicode.Scalar(v)!
            for mark in [Unicode.Scalar(0x3099)!, Unicode.Scalar(0x309A)!] {
                let composed = String(String.UnicodeScalarView([base, mark])).precomposedStringWithCanonicalMapping
                let scalars = Array(composed.unicodeScalars)
                let expected = scalars.count == 1 ? scalars[0] : nil
                #expect(TextFolding.composeKana(base, mark) == expected, "U+\(String(v, radix: 16))")
            }
        }
    }

    @Test("kana readings with spacing (han)dakuten read like their combining forms", arguments: [
        "カ゛", "か゛", "ハ゜", "ウ゛", "ヽ゛", "ア゛", "゛", "ｶ゛", "カ゛゛", "ン゜", "ワ゛",
    ])
    func spacingMarks(_ s: String) {
        var fast: [Unicode.Scalar] = []
        let mapped = String(String.UnicodeScalarView(s.unicodeScalars.map {
            $0.value == 0x309B ? "\u{3099}" : $0.value == 0x309C ? "\u{309A}" : $0
        }))
        if TextFolding.fastNFKC(s.unicodeScalars, into: &fast, spacingMarks: true) {
            #expect(fast == Array(TextFolding.foundationNFKC(mapped).unicodeScalars))
        }
    }
}
