import Crypto

/// The compact encoding and digests of `Protocol/federation.md`, "Version vectors":
/// `varint count`, then per origin in ascending byte order `origin (32) || varint seq`.
extension VersionVector {
    public static let bucketCount = 64
    static let bucketDomain: [UInt8] = Array("mibarai/vv-bucket/v1".utf8) + [0]
    static let rootDomain: [UInt8] = Array("mibarai/vv-root/v1".utf8) + [0]

    public func encode(into w: inout WireWriter) {
        let s = sorted
        w.varint(UInt64(s.count))
        for (o, seq) in s {
            w.raw(o.bytes)
            w.varint(seq)
        }
    }

    public func encoded() -> [UInt8] {
        var w = WireWriter(capacity: 1 + heads.count * 36)
        encode(into: &w)
        return w.bytes
    }

    /// Refuses unsorted or repeated origins and zero seqs, so one vector has one encoding.
    public static func decode(from r: inout WireReader, maxOrigins: Int) throws(WireError) -> VersionVector {
        let n = try r.varint()
        guard n <= UInt64(maxOrigins), n <= UInt64(r.remaining / 33) else { throw .malformed("vector count") }
        var heads: [NodeID: UInt64] = [:]
        heads.reserveCapacity(Int(n))
        var last: NodeID?
        for _ in 0..<n {
            guard let o = NodeID(bytes: try r.raw(32)) else { throw .malformed("origin") }
            if let l = last, !(l < o) { throw .malformed("vector origins not ascending") }
            let seq = try r.varint()
            guard seq >= 1 else { throw .malformed("vector seq 0") }
            heads[o] = seq
            last = o
        }
        return VersionVector(heads)
    }

    public static func decode(_ bytes: [UInt8], maxOrigins: Int = 1 << 20) throws(WireError) -> VersionVector {
        var r = WireReader(bytes)
        let v = try decode(from: &r, maxOrigins: maxOrigins)
        try r.expectEnd()
        return v
    }

    /// The 8-byte digest of one bucket: SHA-256(domain || bucket (u8) || encoding of the bucket's
    /// origins)[0..<8], big-endian.
    public func bucketDigest(_ bucket: Int) -> UInt64 {
        Self.bucketDigest(bucket, of: restricted(toBuckets: 1 << UInt64(bucket)))
    }

    static func bucketDigest(_ bucket: Int, of sub: VersionVector) -> UInt64 {
        var w = WireWriter(capacity: 32 + sub.count * 36)
        w.raw(bucketDomain)
        w.u8(UInt8(bucket))
        sub.encode(into: &w)
        return SHA256.hash(data: w.bytes).withUnsafeBytes { b in (0..<8).reduce(0) { $0 << 8 | UInt64(b[$1]) } }
    }

    /// All 64 bucket digests.
    public var bucketDigests: [UInt64] {
        var subs = [VersionVector](repeating: VersionVector(), count: Self.bucketCount)
        for (o, s) in heads { subs[o.bucket][o] = s }
        return (0..<Self.bucketCount).map { Self.bucketDigest($0, of: subs[$0]) }
    }

    /// The 16-byte root digest over the bucket digests: equal roots mean equal vectors.
    public static func rootDigest(buckets: [UInt64]) -> [UInt8] {
        var w = WireWriter(capacity: rootDomain.count + buckets.count * 8)
        w.raw(rootDomain)
        for d in buckets { w.u64(d) }
        return Array(SHA256.hash(data: w.bytes).prefix(16))
    }

    public var rootDigest: [UInt8] { Self.rootDigest(buckets: bucketDigests) }
}
