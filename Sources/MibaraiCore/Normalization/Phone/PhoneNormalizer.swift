/// Phone → E.164 (`+81…`), validated by the Japanese numbering plan. See Protocol/normalization.md § phone.
public enum PhoneNormalizer {
    /// The E.164 form, or nil when the value holds no single valid Japanese number.
    ///
    /// After NFKC, the number is the run that starts at the first digit or `+` and ends at the
    /// last digit; inside it only digits, white space, dashes, parentheses and dots may stand
    /// between the digits. Text around the run that holds no digit (携帯, 自宅, TEL:, (携帯)) is
    /// an annotation and ignored; a digit after the run ends (a second number, an extension)
    /// gives nil. International forms `+81`, `0081`, `01081`, with an optional trunk 0 after the
    /// country code (`+81 (0)90…`), and national forms starting with the trunk prefix 0 are read;
    /// anything else, including other country codes, gives nil. The national significant number
    /// must be valid in ``NumberingPlan``.
    public static func normalize(_ raw: String) -> String? {
        // NFKC leaves ASCII as it is: most phone numbers are read byte by byte.
        if TextFolding.isASCII(raw) {
            return normalize(scalars: raw.utf8.lazy.map { Unicode.Scalar($0) })
        }
        return normalize(scalars: TextFolding.nfkcScalars(raw))
    }

    /// ``normalize(_:)`` of a value already in NFKC, given as its scalars.
    private static func normalize<S: Sequence>(scalars: S) -> String? where S.Element == Unicode.Scalar {
        let s = Array(scalars)
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var plus = false
        var state = 0  // 0 before the number, 1 inside, 2 after
        scan: for (k, u) in s.enumerated() {
            let v = u.value
            if v >= 0x30, v <= 0x39 {
                if state == 2 { return nil }
                state = 1
                digits.append(UInt8(v))
                if digits.count > 20 { return nil }
            } else if u == "+" {
                guard state == 0 else { return nil }
                plus = true
                state = 1
            } else if state == 1 {
                if TextFolding.isSpace(u) || TextFolding.isDash(u) || u == "(" || u == ")" || u == "." {
                    continue
                }
                state = 2
                // An extension (内線 12, ext. 12, x12) is not part of the number: the rest is ignored.
                if isExtension(s[k...]) { break scan }
            }
        }
        if plus, digits.isEmpty { return nil }

        var nsn = digits[...]
        if plus {
            guard nsn.starts(with: [0x38, 0x31]) else { return nil }  // "81"
            nsn = nsn.dropFirst(2)
            if nsn.first == 0x30 { nsn = nsn.dropFirst() }  // +81 (0)90…
        } else if nsn.starts(with: [0x30, 0x30, 0x38, 0x31]) {  // 0081
            nsn = nsn.dropFirst(4)
            if nsn.first == 0x30 { nsn = nsn.dropFirst() }
        } else if nsn.starts(with: [0x30, 0x31, 0x30, 0x38, 0x31]) {  // 010 81
            nsn = nsn.dropFirst(5)
            if nsn.first == 0x30 { nsn = nsn.dropFirst() }
        } else if nsn.first == 0x30 {
            nsn = nsn.dropFirst()
        } else {
            return nil
        }
        guard NumberingPlan.kind(ofNationalNumber: nsn) != nil else { return nil }
        var out: [UInt8] = [UInt8(ascii: "+"), UInt8(ascii: "8"), UInt8(ascii: "1")]
        out.append(contentsOf: nsn)
        return String(decoding: out, as: UTF8.self)
    }

    /// Extension markers, tried in this order (ASCII letters compared in upper case).
    static let extensionMarkers: [[Unicode.Scalar]] = ["内線", "EXT.", "EXT", "X"].map { Array($0.unicodeScalars) }

    /// Whether `rest` (from where the number ended) is an extension: white space and `(` skipped,
    /// a marker, white space, `:` and `.` skipped, then an ASCII digit.
    static func isExtension(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = rest.startIndex
        while i < rest.endIndex, TextFolding.isSpace(rest[i]) || rest[i] == "(" { i += 1 }
        func upper(_ u: Unicode.Scalar) -> Unicode.Scalar {
            (0x61...0x7A).contains(u.value) ? Unicode.Scalar(u.value - 0x20)! : u
        }
        guard let marker = extensionMarkers.first(where: { m in
            i + m.count <= rest.endIndex && zip(rest[i..<(i + m.count)], m).allSatisfy { upper($0) == $1 }
        }) else { return false }
        i += marker.count
        while i < rest.endIndex, TextFolding.isSpace(rest[i]) || rest[i] == ":" || rest[i] == "." { i += 1 }
        return i < rest.endIndex && (0x30...0x39).contains(rest[i].value)
    }
}
