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
        for u in TextFolding.nfkc(raw).unicodeScalars {
            if TextFolding.isSpace(u) { continue }
            guard u.isASCII else { return nil }
            var b = UInt8(u.value)
            if b >= 0x41, b <= 0x5A { b += 0x20 }
            bytes.append(b)
        }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        var local = Array(bytes[..<at])
        var domain = Array(bytes[(at + 1)...])
        guard !local.isEmpty, local.allSatisfy(isLocalByte), isDomain(domain) else { return nil }

        if domain == gmail || domain == googlemail {
            domain = gmail
            if let plus = local.firstIndex(of: UInt8(ascii: "+")) { local.removeSubrange(plus...) }
            local.removeAll { $0 == UInt8(ascii: ".") }
            guard !local.isEmpty else { return nil }
        }
        return String(decoding: local + [UInt8(ascii: "@")] + domain, as: UTF8.self)
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

    static func isDomain(_ d: [UInt8]) -> Bool {
        let labels = d.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard let first = label.first, let last = label.last, label.count <= 63,
                  first != UInt8(ascii: "-"), last != UInt8(ascii: "-"),
                  label.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return !labels.last!.allSatisfy { (0x30...0x39).contains($0) }
    }
}
