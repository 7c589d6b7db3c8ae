/// E-mail address → canonical mailbox. See Protocol/normalization.md § email.
public enum EmailNormalizer {
    /// The canonical address, or nil when the value is not an e-mail address.
    ///
    /// NFKC, all white space removed, lower-cased (ASCII only: anything else gives nil). Exactly
    /// one `@`; a non-empty local part of RFC 5322 atext characters and dots (dots anywhere, as
    /// carrier mail allows `a..b@` and `a.@`); a domain of at least two non-empty labels of
    /// letters, digits and inner hyphens, whose last label is not all digits. Gmail only
    /// (gmail.com, googlemail.com): the domain becomes gmail.com, the local part loses its `+tag`
    /// and its dots.
    public static func normalize(_ raw: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        if TextFolding.isASCII(raw), !raw.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ":") }) {
            // NFKC leaves ASCII as it is: most addresses are read byte by byte.
            for b in raw.utf8 {
                if TextFolding.isWhiteSpace(UInt32(b)) { continue }
                bytes.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            }
        } else {
            let folded = TextFolding.isASCII(raw) ? Array(raw.unicodeScalars) : TextFolding.nfkcScalars(raw)
            for u in unwrapped(folded) {
                if TextFolding.isSpace(u) { continue }
                guard u.isASCII else { return nil }
                var b = UInt8(u.value)
                if b >= 0x41, b <= 0x5A { b += 0x20 }
                bytes.append(b)
            }
        }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.allSatisfy(isLocalByte), isDomain(domain) else { return nil }

        if domain.elementsEqual(gmail) || domain.elementsEqual(googlemail) {
            var out: [UInt8] = []
            out.reserveCapacity(local.count + 1 + gmail.count)
            for b in local {
                if b == UInt8(ascii: "+") { break }  // the +tag ends the mailbox
                if b != UInt8(ascii: ".") { out.append(b) }
            }
            guard !out.isEmpty else { return nil }
            out.append(UInt8(ascii: "@"))
            out.append(contentsOf: gmail)
            return String(decoding: out, as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The address inside what was typed around it: the text between `<` and the next `>` when
    /// there are both (Taro <taro@example.jp>), without a leading `mailto:` (any case), and
    /// without an annotation in parentheses at the end after the last `@` (taro@example.jp(PC),
    /// （携帯）).
    static func unwrapped(_ s: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
        var t = s[...]
        if let open = t.firstIndex(of: "<"), let close = t[open...].firstIndex(of: ">") { t = t[(open + 1)..<close] }
        while let f = t.first, TextFolding.isSpace(f) { t = t.dropFirst() }
        while let l = t.last, TextFolding.isSpace(l) { t = t.dropLast() }
        let mailto = Array("mailto:".unicodeScalars)
        if t.count >= mailto.count, zip(t.prefix(mailto.count), mailto).allSatisfy({ lower($0) == $1 }) { t = t.dropFirst(mailto.count) }
        if t.last == ")", let at = t.lastIndex(of: "@"), let open = t[at...].lastIndex(of: "(") { t = t[..<open] }
        return t
    }

    private static func lower(_ u: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(u.value) ? Unicode.Scalar(u.value + 0x20)! : u
    }

    static let gmail = Array("gmail.com".utf8)
    static let googlemail = Array("googlemail.com".utf8)

    /// Lower-case letters, digits, `.` and the RFC 5322 atext specials ``!#$%&'*+-/=?^_`{|}~``.
    static func isLocalByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x61...0x7A, 0x30...0x39, UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"),
             UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"),
             UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"),
             UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// At least two labels separated by dots; each label 1–63 letters, digits and hyphens, not
    /// starting or ending with a hyphen; the last label not all digits.
    static func isDomain(_ d: ArraySlice<UInt8>) -> Bool {
        var labels = 0
        var start = d.startIndex
        var lastAllDigits = false
        while true {
            let end = d[start...].firstIndex(of: UInt8(ascii: ".")) ?? d.endIndex
            let label = d[start..<end]
            guard let first = label.first, let last = label.last, label.count <= 63,
                  first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
            var allDigits = true
            for b in label {
                switch b {
                case 0x30...0x39: break
                case 0x61...0x7A, UInt8(ascii: "-"): allDigits = false
                default: return false
                }
            }
            labels += 1
            lastAllDigits = allDigits
            if end == d.endIndex { break }
            start = end + 1
        }
        return labels >= 2 && !lastAllDigits
    }
}
