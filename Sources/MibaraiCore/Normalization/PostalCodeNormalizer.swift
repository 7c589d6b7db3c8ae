/// Postal code → exactly seven ASCII digits. See Protocol/normalization.md § postal_code.
public enum PostalCodeNormalizer {
    /// The seven digits, or nil unless the value holds exactly one group of seven digits.
    ///
    /// After NFKC, digits may be separated by dashes or white space; text before or after the
    /// group (〒, 郵便番号, an annotation) is ignored. Digits in two separate groups, or a group
    /// that is not seven digits long, give nil.
    public static func normalize(_ raw: String) -> String? {
        var digits: [UInt8] = []
        var state = 0  // 0 before the group, 1 inside, 2 after
        for u in TextFolding.nfkc(raw).unicodeScalars {
            if u.value >= 0x30, u.value <= 0x39 {
                if state == 2 { return nil }
                state = 1
                digits.append(UInt8(u.value))
                if digits.count > 7 { return nil }
            } else if state == 1, TextFolding.isDash(u) || TextFolding.isSpace(u) {
                continue
            } else if state == 1 {
                state = 2
            }
        }
        guard digits.count == 7 else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
