/// Recognising a peer's vector from its root digest, its entry count and the heads it changed
/// last (`hinted_summary`, `Protocol/federation.md` "Exchange", version 2), without the bucket
/// step.
extension GossipSource {
    /// The heads where the peer differs from this node (0: it holds nothing of the origin), if
    /// its vector is one of these candidates: this node's own vector as it was before its last
    /// `k` steps (`recentAdvances`, k = 0, 1, …), with the peer's `recent` heads put in. A
    /// candidate counts only if its entry total is the peer's and its root digest the peer's: equal
    /// roots mean equal vectors, so the answer is exact or nil, never a guess. Nil also when the
    /// vectors are equal (the roots match: the exchange is in sync).
    public func peerVector(root: [UInt8], entries total: UInt64, recent: [NumberedHead]) -> [NodeID: UInt64]? {
        let mine = vector
        var hinted: [NodeID: UInt64] = [:]
        for h in recent {
            if let o = member(number: h.member) { hinted[o] = h.seq }
        }
        let myTotal = totalEntries
        let steps = recentAdvances
        var undone: [NodeID: UInt64] = [:]
        let digests = bucketDigests
        for k in 0...steps.count {
            if k > 0 {
                // Going back one more step: the older step's starting head wins.
                let step = steps[steps.count - k]
                undone[step.origin] = step.from
                // The peer's own head for that origin overrides the undone one: the same
                // candidate as the last, not worth hashing again.
                if hinted[step.origin] != nil { continue }
            }
            var candidate = undone
            for (o, s) in hinted { candidate[o] = s }
            candidate = candidate.filter { mine[$0.key] != $0.value }
            guard !candidate.isEmpty else { continue }
            // Entry totals first: most candidates fail here, without hashing.
            var t = myTotal
            for (o, s) in candidate { t = t &- mine[o] &+ s }
            guard t == total else { continue }
            var changed = digests
            for b in Set(candidate.keys.map(\.bucket)) {
                var sub = bucketVector(b)
                for (o, s) in candidate where o.bucket == b { sub[o] = s }
                changed[b] = VersionVector.bucketDigest(b, of: sub)
            }
            if VersionVector.rootDigest(buckets: changed) == root { return candidate }
        }
        return nil
    }
}
