/// Finds the words of ``DeliveryPatterns`` (and a shop's own) in a text in one pass: the text is
/// folded once (NFKC, white space removed, ASCII lower-cased) and each position is checked only
/// against the words that start with its scalar.
struct DeliveryMatcher: Sendable {
    enum Kind: Int, Sendable, CaseIterable {
        case depotHold, convenienceStorePickup, forwardingService, nonResidential
    }

    private struct Word: Sendable {
        var scalars: [Unicode.Scalar]
        var kind: Kind
        var text: String
    }

    private var byFirst: [Unicode.Scalar: [Word]] = [:]
    /// Bit `v & 4095` set for each word's first scalar `v`: most scalars are skipped without hashing.
    private var firstBits = [UInt64](repeating: 0, count: 64)

    init(forwardingWords: [String], nonResidentialWords: [String]) {
        let lists: [(Kind, [String])] = [
            (.depotHold, DeliveryPatterns.depotHold), (.convenienceStorePickup, DeliveryPatterns.convenienceStorePickup),
            (.forwardingService, DeliveryPatterns.forwardingService + forwardingWords),
            (.nonResidential, DeliveryPatterns.nonResidential + nonResidentialWords),
        ]
        for (kind, words) in lists {
            for w in words {
                let scalars = Self.fold(w)
                guard let first = scalars.first else { continue }
                firstBits[Int(first.value & 4095) >> 6] |= 1 << (first.value & 63)
                byFirst[first, default: []].append(Word(scalars: scalars, kind: kind, text: String(String.UnicodeScalarView(scalars))))
            }
        }
    }

    /// NFKC, white space removed, ASCII lower-cased, as scalars.
    static func fold(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for u in TextFolding.nfkcScalars(text) where !TextFolding.isSpace(u) {
            out.append(u.value >= 0x41 && u.value <= 0x5A ? Unicode.Scalar(u.value + 0x20)! : u)
        }
        return out
    }

    /// The first word found of each kind in the folded text.
    func matches(in hay: [Unicode.Scalar]) -> [Kind: String] {
        var found: [Kind: String] = [:]
        guard !hay.isEmpty else { return found }
        for i in hay.indices {
            let v = hay[i].value
            guard firstBits[Int(v & 4095) >> 6] & (1 << (v & 63)) != 0, let words = byFirst[hay[i]] else { continue }
            for w in words where found[w.kind] == nil && hay.count - i >= w.scalars.count {
                var j = 1
                while j < w.scalars.count && hay[i + j] == w.scalars[j] { j += 1 }
                if j == w.scalars.count { found[w.kind] = w.text }
            }
        }
        return found
    }
}
