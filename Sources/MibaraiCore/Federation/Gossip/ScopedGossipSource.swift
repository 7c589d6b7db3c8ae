/// A source seen through an exchange scope (`ReplicaScope`): only the named origins' heads and
/// entries. Made per message from the node's whole log; costs the size of the scope, not of the
/// log (except `entries(missingFrom:)`, which adjusts a copy of the whole vector).
struct ScopedGossipSource<Base: GossipSource>: GossipSource {
    let base: Base
    let origins: Set<NodeID>
    let vector: VersionVector
    let bucketDigests: [UInt64]
    let rootDigest: [UInt8]

    init(base: Base, origins: Set<NodeID>) {
        self.base = base
        self.origins = origins
        var v = VersionVector()
        let all = base.vector
        for o in origins { v[o] = all[o] }
        vector = v
        bucketDigests = v.bucketDigests
        rootDigest = VersionVector.rootDigest(buckets: bucketDigests)
    }

    var recentAdvances: [VectorAdvance] { base.recentAdvances.filter { origins.contains($0.origin) } }

    func entries(missingFrom peer: VersionVector, buckets: UInt64, limit: Int) -> [LogEntry] {
        // Outside the scope the peer is taken to hold what this node holds, so nothing is missing there.
        var theirs = base.vector
        for o in origins { theirs[o] = peer[o] }
        return base.entries(missingFrom: theirs, buckets: buckets, limit: limit)
    }

    func memberNumber(of origin: NodeID) -> UInt64? { base.memberNumber(of: origin) }
    func member(number: UInt64) -> NodeID? { base.member(number: number) }
    func lastSendable(of origin: NodeID, toVersion version: UInt8) -> UInt64? { base.lastSendable(of: origin, toVersion: version) }
}
