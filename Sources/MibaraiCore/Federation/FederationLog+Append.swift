import Crypto

/// The chain verifier: `append` accepts an entry only as the next one of its origin's log, signed
/// by the origin and within the rules of its kind. Checks, in order (`Protocol/federation.md`,
/// "Verifying an entry"): kind allowed for the origin, origin admitted, not caught equivocating,
/// not revoked past the entry, replay or conflict with a held entry, gap, signature, previous hash,
/// body.
extension FederationLog {
    /// Appends one entry or throws why not; on a throw nothing is stored, except that a validly
    /// signed conflicting entry is kept in `equivocations` as proof.
    public mutating func append(_ entry: LogEntry) throws(EntryRefusal) {
        try append(entry, signatureVerified: false)
        refreshDigests(for: [entry.origin])
    }

    /// Appends in order, stopping at nothing: returns what went in and what was refused, and why.
    public mutating func append(contentsOf entries: [LogEntry], signatureVerified: Bool = false)
        -> (accepted: [LogEntry], refused: [(entry: LogEntry, reason: EntryRefusal)])
    {
        var accepted: [LogEntry] = []
        var refused: [(entry: LogEntry, reason: EntryRefusal)] = []
        for e in entries {
            do throws(EntryRefusal) {
                try append(e, signatureVerified: signatureVerified)
                accepted.append(e)
            } catch {
                refused.append((e, error))
            }
        }
        refreshDigests(for: Set(accepted.map(\.origin)))
        return (accepted, refused)
    }

    /// Decodes and appends raw entry bytes as received from a peer.
    public mutating func append(encoded bytes: [UInt8]) throws(EntryRefusal) -> LogEntry {
        let entry: LogEntry
        do throws(WireError) {
            entry = try LogEntry(decoding: bytes, limits: limits)
        } catch {
            throw error.isTooLarge ? .tooLarge : .malformed(error.description)
        }
        try append(entry)
        return entry
    }

    /// Signs `body` as this node's next entry and appends it.
    public mutating func append(signing body: LogBody, with signer: Curve25519.Signing.PrivateKey) throws -> LogEntry {
        let origin = NodeID(publicKey: signer.publicKey)
        let entry = try LogEntry.make(signer: signer, seq: vector[origin] + 1, previous: headHash(of: origin),
                                      body: body, limits: limits)
        try append(entry)
        return entry
    }

    /// `signatureVerified: true` skips only the signature check, for a caller that has verified
    /// these exact bytes already (a simulator sharing one verification among many logs).
    mutating func append(_ entry: LogEntry, signatureVerified: Bool) throws(EntryRefusal) {
        let origin = entry.origin
        guard entry.encoded.count <= limits.maxEntryBytes else { throw .tooLarge }
        let isOperator = origin == operatorID
        guard entry.kind.isOperatorKind == isOperator else { throw .wrongKind }
        if !isOperator {
            guard members[origin] != nil else { throw .unknownOrigin }
        }
        guard equivocations[origin] == nil else { throw .equivocatingOrigin }
        if let r = revocations[origin], entry.seq > r.lastValidSeq { throw .revokedOrigin }

        let chain = chains[origin] ?? []
        let head = UInt64(chain.count)
        if entry.seq <= head {
            let held = chain[Int(entry.seq - 1)]
            if held.hash == entry.hash { throw .replay }
            guard signatureVerified || verify(entry) else { throw .badSignature }
            if let proof = EquivocationProof(held: held, conflicting: entry) { equivocations[origin] = proof }
            throw .equivocation
        }
        guard entry.seq == head + 1 else { throw .gap }
        guard signatureVerified || verify(entry) else { throw .badSignature }
        if let last = chain.last, entry.previous != last.hash {
            if let proof = EquivocationProof(held: last, conflicting: entry) { equivocations[origin] = proof }
            throw .equivocation
        }
        let body: LogBody
        do throws(WireError) {
            body = try entry.decodedBody(limits: limits)
        } catch {
            throw .invalidBody(error.description)
        }
        try apply(body, from: origin)
        if case .admit(let a) = body, memberNumbers[a.member] == nil {
            memberNumbers[a.member] = entry.seq
            numberedMembers[entry.seq] = a.member
        }
        chains[origin, default: []].append(entry)
        vector[origin] = entry.seq
        bucketVectors[origin.bucket][origin] = entry.seq
    }

    private mutating func verify(_ entry: LogEntry) -> Bool {
        let key: Curve25519.Signing.PublicKey
        if let k = keys[entry.origin] {
            key = k
        } else {
            guard let k = entry.origin.publicKey else { return false }
            keys[entry.origin] = k
            key = k
        }
        return entry.hasValidSignature(key)
    }

    /// Checks the body against the log's state and applies it; throws before changing anything.
    private mutating func apply(_ body: LogBody, from origin: NodeID) throws(EntryRefusal) {
        switch body {
        case .publish(let p):
            let key = RecordKey(origin: origin, id: p.id)
            guard records[key] == nil else { throw .invalidBody("record already published") }
            records[key] = p.record(origin: name(of: origin))
        case .status(let id, let status):
            let key = RecordKey(origin: origin, id: id)
            guard let r = records[key] else { throw .invalidBody("status of a record never published") }
            guard r.status != .withdrawn else { throw .invalidBody("status of a withdrawn record") }
            records[key]?.status = status
        case .withdraw(let id):
            let key = RecordKey(origin: origin, id: id)
            guard let r = records[key] else { throw .invalidBody("withdrawal of a record never published") }
            guard r.status != .withdrawn else { throw .invalidBody("record already withdrawn") }
            records[key]?.status = .withdrawn
        case .admit(let a):
            guard a.member != operatorID else { throw .invalidBody("the operator cannot be a member") }
            guard revocations[a.member] == nil else { throw .invalidBody("member was revoked") }
            guard (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: a.sealingKey)) != nil,
                  a.member.publicKey != nil else { throw .invalidBody("member key is not a valid point") }
            members[a.member] = a
        case .epochKey(let e):
            for b in e.boxes where members[b.member] == nil || revocations[b.member] != nil {
                throw .invalidBody("epoch key sealed to a non-member")
            }
            sealedEpochKeys.append(e)
        case .revoke(let r):
            guard members[r.member] != nil else { throw .invalidBody("revocation of a non-member") }
            guard revocations[r.member] == nil else { throw .invalidBody("member already revoked") }
            revocations[r.member] = r
        }
    }

    mutating func refreshDigests<S: Sequence>(for origins: S) where S.Element == NodeID {
        var buckets = Set<Int>()
        for o in origins { buckets.insert(o.bucket) }
        guard !buckets.isEmpty else { return }
        for b in buckets { bucketDigests[b] = VersionVector.bucketDigest(b, of: bucketVectors[b]) }
        rootDigest = VersionVector.rootDigest(buckets: bucketDigests)
    }

    /// Accepts a proof received from a peer: if it checks out, the origin is refused from now on.
    /// Returns false for a proof that does not verify.
    @discardableResult
    public mutating func accept(_ proof: EquivocationProof) -> Bool {
        guard EquivocationProof(held: proof.held, conflicting: proof.conflicting) != nil else { return false }
        if equivocations[proof.origin] == nil { equivocations[proof.origin] = proof }
        return true
    }
}
