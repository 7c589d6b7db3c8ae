/// Reads the block numbers (丁目・番地・号) and the room from what follows the town
/// (Protocol/normalization.md § address, steps 7–8).
enum BlockParser {
    struct Result: Equatable {
        var block: [Int] = []
        var room: Int?
        /// True when a 丁目 unit was typed.
        var sawChome = false
    }

    /// A number read at a position: its value and the index after it.
    private struct Number {
        var value: Int
        var end: Int
        var isKanji: Bool
    }

    private enum Unit {
        case chome, banchi, ban, go, goshitsu, chiwari, dash, no, none
    }

    /// Where the block numbers start in `s[from...]`: the first number that is followed by a
    /// unit, a dash, a space, the end, or anything that is not a kanji (a number followed by a
    /// kanji other than a unit, as in 北49条, belongs to a name). Nil when there is none.
    ///
    /// After a town found in the directory (`afterKnownTown`), any ASCII number starts the blocks
    /// (丹上69丹上マンション).
    static func blockStart(_ s: [Unicode.Scalar], from: Int, afterKnownTown: Bool = false) -> Int? {
        var i = from
        while i < s.count {
            if AddressText.isDigit(s[i]) || AddressText.isKanjiNumeral(s[i]) {
                if let n = number(s, at: i) {
                    if afterKnownTown && !n.isKanji { return i }
                    let (unit, _) = self.unit(s, at: n.end)
                    if unit != .none || isBlockFollower(s, at: n.end, kanji: n.isKanji) { return i }
                    i = n.end
                    continue
                }
            }
            i += 1
        }
        return nil
    }

    /// What may follow the last number of a block: end, space, dash, `#`, a non-kanji letter.
    private static func isBlockFollower(_ s: [Unicode.Scalar], at i: Int, kanji: Bool) -> Bool {
        guard i < s.count else { return true }
        let u = s[i]
        if u == AddressText.space || u == AddressText.dash || u == "#" { return true }
        if AddressText.isKanji(u) || u == "ヶ" || u == "ケ" || u == "ノ" || u == "の" || u == "が" { return false }
        // A kanji numeral directly before kana is a name (三ツ星) unless a unit follows; an
        // ASCII number before kana is a block number followed by a building name.
        return !kanji
    }

    /// Parses blocks and room from `s[from...]`. `arity`: how many numbers a block has at most
    /// (3 for 丁目-番-号 towns, 2 for 番地-号 towns); a typed 丁目 forces 3.
    static func parse(_ s: [Unicode.Scalar], from: Int, arity: Int) -> Result {
        var r = Result()
        var i = from
        var expectMore = false
        var roomFromUnit: Int?
        blockLoop: while i < s.count {
            // A space ends the block: what follows is a building name or a room.
            if s[i] == AddressText.space { break }
            guard let n = number(s, at: i) else { break }
            let (unit, after) = self.unit(s, at: n.end)
            // A kanji numeral without a unit is a number only where one is expected and no
            // kanji follows (番地十八 then a building name), never the start of a name (三井).
            if n.isKanji && unit == .none && !(expectMore && isBlockFollower(s, at: n.end, kanji: false)) { break }
            switch unit {
            case .chome:
                r.sawChome = true
                r.block.append(n.value)
                i = after
                expectMore = true
            case .banchi, .ban, .dash, .no, .chiwari:
                r.block.append(n.value)
                i = after
                expectMore = true
                // 番地の18, 番地-18, 番の18
                if unit == .banchi || unit == .ban, i < s.count, s[i] == AddressText.dash || s[i] == "の",
                   i + 1 < s.count, number(s, at: i + 1) != nil {
                    i += 1
                }
            case .go:
                r.block.append(n.value)
                i = after
                break blockLoop
            case .goshitsu:
                roomFromUnit = n.value
                i = after
                break blockLoop
            case .none:
                r.block.append(n.value)
                i = n.end
                break blockLoop
            }
        }
        let limit = r.sawChome ? max(arity, 3) : arity
        if r.block.count > limit {
            r.room = r.block.last
            r.block.removeSubrange(limit...)
        }
        if let room = roomFromUnit {
            r.room = room
        } else if r.room == nil {
            r.room = lastNumber(s, from: i)
        }
        return r
    }

    /// The last run of ASCII digits in `s[from...]` (the room after a building name).
    static func lastNumber(_ s: [Unicode.Scalar], from: Int) -> Int? {
        var j = s.count
        while j > from && !AddressText.isDigit(s[j - 1]) { j -= 1 }
        guard j > from else { return nil }
        var k = j
        while k > from && AddressText.isDigit(s[k - 1]) { k -= 1 }
        return decimal(s[k..<j])
    }

    private static func decimal(_ run: ArraySlice<Unicode.Scalar>) -> Int? {
        guard run.count <= 12 else { return nil }
        return run.reduce(0) { $0 * 10 + Int($1.value - 0x30) }
    }

    /// An ASCII-digit run or a kanji-numeral run at `i` (a leading 第 is skipped).
    private static func number(_ s: [Unicode.Scalar], at start: Int) -> Number? {
        var i = start
        if i < s.count && s[i] == "第" { i += 1 }
        guard i < s.count else { return nil }
        if AddressText.isDigit(s[i]) {
            var j = i
            while j < s.count && AddressText.isDigit(s[j]) { j += 1 }
            guard let v = decimal(s[i..<j]) else { return nil }
            return Number(value: v, end: j, isKanji: false)
        }
        if AddressText.isKanjiNumeral(s[i]) {
            var j = i
            while j < s.count && AddressText.isKanjiNumeral(s[j]) { j += 1 }
            return Number(value: AddressText.kanjiNumberValue(s[i..<j]), end: j, isKanji: true)
        }
        return nil
    }

    /// The unit after a number, and the index after the unit.
    private static func unit(_ s: [Unicode.Scalar], at i: Int) -> (Unit, Int) {
        guard i < s.count else { return (.none, i) }
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        switch s[i] {
        case "丁":
            if at(i + 1) == "目" { return (.chome, i + 2) }
        case "番":
            if at(i + 1) == "地" { return (.banchi, i + 2) }
            if at(i + 1) == "町" || at(i + 1) == "丁" { return (.none, i) }
            return (.ban, i + 1)
        case "号":
            if at(i + 1) == "室" { return (.goshitsu, i + 2) }
            return (.go, i + 1)
        case "地":
            if at(i + 1) == "割" { return (.chiwari, i + 2) }
        case AddressText.dash:
            if i + 1 < s.count, number(s, at: i + 1) != nil { return (.dash, i + 1) }
        case "の", "ノ":
            if i + 1 < s.count, number(s, at: i + 1) != nil { return (.no, i + 1) }
        default:
            break
        }
        return (.none, i)
    }
}
