/// What a node holds: for each origin, the highest seq it holds with every earlier entry too
/// (its contiguous head). Origins it holds nothing of are absent (seq 0).
public struct VersionVector: Sendable, Hashable {
    public private(set) var heads: [NodeID: UInt64]

    public init(_ heads: [NodeID: UInt64] = [:]) {
        self.heads = heads.filter { $0.value > 0 }
    }

    public subscript(origin: NodeID) -> UInt64 {
        get { heads[origin] ?? 0 }
        set { heads[origin] = newValue == 0 ? nil : newValue }
    }

    public var count: Int { heads.count }
    public var origins: Dictionary<NodeID, UInt64>.Keys { heads.keys }

    /// Origins in ascending byte order: the order of every encoding.
    public var sorted: [(origin: NodeID, seq: UInt64)] {
        heads.sorted { $0.key < $1.key }.map { (origin: $0.key, seq: $0.value) }
    }

    /// Only the origins whose bucket bit is set in `mask` (bit `i` = bucket `i`).
    public func restricted(toBuckets mask: UInt64) -> VersionVector {
        var v = VersionVector()
        for (o, s) in heads where mask & (1 << UInt64(o.bucket)) != 0 { v[o] = s }
        return v
    }

    /// True if this vector holds everything `other` does.
    public func dominates(_ other: VersionVector) -> Bool {
        other.heads.allSatisfy { self[$0.key] >= $0.value }
    }

    /// Entries this side has that `other` lacks, per origin: `(origin, other's head + 1 ... mine)`.
    public func missing(in other: VersionVector) -> [(origin: NodeID, from: UInt64, through: UInt64)] {
        sorted.compactMap { o, s in
            let theirs = other[o]
            return s > theirs ? (origin: o, from: theirs + 1, through: s) : nil
        }
    }

    /// Total entries held (sum of heads).
    public var totalEntries: UInt64 { heads.values.reduce(0, +) }
}
