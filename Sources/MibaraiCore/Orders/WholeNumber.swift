import Foundation

/// Reads a whole number as shops and exports write it: `1980`, `1,980`, `¥1,980`, `1980円`,
/// `1980.00`, `１９８０`, `JPY 1980`. Nil for anything else, a fraction, or a value that does not
/// fit an `Int`; a leading minus sign is kept (callers refuse negative values themselves).
public enum WholeNumber {
    public static func parse(_ text: String) -> Int? {
        if !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return Int(text) }
        var t = TextFolding.nfkc(text).trimmingCharacters(in: .whitespaces)
        for junk in [",", "¥", "￥", "円", "\\", "JPY", "jpy", " "] { t = t.replacingOccurrences(of: junk, with: "") }
        if let dot = t.firstIndex(of: "."), t[t.index(after: dot)...].allSatisfy({ $0 == "0" }) { t = String(t[..<dot]) }
        return Int(t)
    }
}
