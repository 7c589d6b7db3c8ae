/// Postal code → exactly seven ASCII digits. See Protocol/normalization.md § postal_code.
public enum PostalCodeNormalizer {
    /// The seven digits, or nil unless the value holds exactly one group of seven digits.
    ///
    /// After NFKC, digits may be separated by dashes or white space; text before or after the
    /// group (〒, 郵便番号, an annotation) is ignored. Digits in two separate groups, or a group
    /// that is not seven digits long, give nil.
    public static func normalize(_ raw: String) -> String? {
        // NFKC leaves ASCII as it is: most postal codes are read byte by byte.
        if TextFolding.isASCII(raw) {
            return normalize(scalars: raw.utf8.lazy.map { Unicode.Scalar($0) })
        }
        return normalize(scalars: TextFolding.nfkcScalars(raw))
    }

    /// ``normalize(_:)`` of a value already in NFKC, given as its scalars.
    private static func normalize<S: Sequence>(scalars: S) -> String? where S.Element == Unicode.Scalar {
        var digits: [UInt8] = []
        digits.reserveCapacity(8)
        var state = 0  // 0 before the group, 1 inside, 2 after
        for u in scalars {
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
