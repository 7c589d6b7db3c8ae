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
        if let k = find(Array("郵便局".unicodeScalars), in: t[...]) { return withoutStreet(Array(t[..<k])) }
        if let k = t.firstIndex(of: "局") { return withoutStreet(Array(t[..<k])) }
        if let k = t.firstIndex(where: { $0 == "留" || $0 == "止" }) { return withoutStreet(Array(t[..<k])) }
        return withoutStreet(t)
    }

    /// The customer's own street address typed before the office (郭町1-1 大垣郵便局留め) is not
    /// part of it: the office is what follows the last ASCII digit and the block words after it.
    private static func withoutStreet(_ name: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let last = name.lastIndex(where: AddressText.isDigit) else { return name }
        var rest = name[(last + 1)...]
        while let w = streetEnds.first(where: { rest.starts(with: $0) }) { rest = rest.dropFirst(w.count) }
        return rest.isEmpty ? name : Array(rest)
    }

    /// What may follow a street address's last number: 番地, 番, 号, の, a dash.
    private static let streetEnds: [[Unicode.Scalar]] = ["番地", "番", "号", "の", "-"].map { Array($0.unicodeScalars) }

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
