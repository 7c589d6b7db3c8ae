/// 局留め (post-office hold) recognition (Protocol/normalization.md § address, step 3).
enum PostOfficeHold {
    private static let markers: [[Unicode.Scalar]] = ["局留", "局止", "留置", "局どめ", "局とめ"].map { Array($0.unicodeScalars) }
    /// Hold words that may stand before or after the office name, longest first.
    private static let holdWords: [[Unicode.Scalar]] =
        ["郵便局留め", "郵便局留置", "郵便局留", "郵便局止め", "郵便局止", "局留置き", "局留置", "局留め", "局留",
         "局止め", "局止", "局どめ", "局とめ", "留置き", "留置", "留め", "止め", "郵便局", "局"]
        .map { Array($0.unicodeScalars) }

    /// True when the address asks for a hold at a post office.
    static func isHold(_ s: [Unicode.Scalar]) -> Bool {
        // Every marker holds 局 or 留: without either there is nothing to look for.
        guard s.contains(where: { $0 == "局" || $0 == "留" }) else { return false }
        let t = s.filter { $0 != AddressText.space }
        return markers.contains { find($0, in: t[...]) != nil }
    }

    /// The office name in `s[from...]` (spaces ignored): the text before 郵便局 / 局 once the
    /// hold words before and after it are taken away. Empty when there is none.
    static func officeName(_ s: [Unicode.Scalar], from: Int) -> [Unicode.Scalar] {
        var t = Array(s[from...].filter { $0 != AddressText.space })
        // 局留め 大垣郵便局: the hold words come first.
        for w in holdWords.dropLast(2) where t.starts(with: w) {
            t.removeFirst(w.count)
            break
        }
        if let k = find(Array("郵便局".unicodeScalars), in: t[...]) { return Array(t[..<k]) }
        if let k = t.firstIndex(of: "局") { return Array(t[..<k]) }
        if let k = t.firstIndex(where: { $0 == "留" || $0 == "止" }) { return Array(t[..<k]) }
        return t
    }

    private static func find(_ needle: [Unicode.Scalar], in hay: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
