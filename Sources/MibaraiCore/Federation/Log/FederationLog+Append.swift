import Crypto

/// The chain verifier: `append` accepts an entry only as the next one of its origin's log, signed
/// by the origin and within the rules of its kind. Checks, in order (`Protocol/federation.md`,
/// "Verifying an entry"): kind allowed for the origin, origin admitted, not caught equivocating,
/// not revoked past the entry, replay or conflict with a held entry, gap, signature, previous hash,
/// body.
///
/// Many entries at once (`append(contentsOf:)`) are verified by runs ("Verifying a run"): a stretch
/// of one origin's entries, consecutive in the list, each naming the hash of the one before as
/// `previous`. The last entry's signature covers that hash, which covers every byte of the entry
/// before it (its signature included), and so on back: when it verifies, the signature step of
/// the run's other entries is taken as passed. When it does not, each entry of the run has its own
/// signature checked, exactly as one by one.
extension FederationLog {
    /// Appends one entry or throws why not; on a throw nothing is stored, except that a validly
    /// signed conflicting entry is kept in `equivocations` as proof.
    public mutating func append(_ entry: LogEntry) throws(EntryRefusal) {
        try append(entry, signatureVerified: false)
        refreshDigests(for: [entry.origin])
    }

    /// Appends in order, stopping at nothing: returns what went in and what was refused, and why.
    /// Signatures are checked by runs (one check per run that goes in whole).
    public mutating func append(contentsOf entries: [LogEntry], signatureVerified: Bool = false)
        -> (accepted: [LogEntry], refused: [(entry: LogEntry, reason: EntryRefusal)])
    {
        append(contentsOf: entries, signatureVerified: signatureVerified, checkedRunEnds: [:])
    }

    /// As `append(contentsOf:)`, for a caller that has checked the signatures of some run ends
    /// already (`runEnds(of:)`, e.g. on every core): index into `entries` → whether it verified.
    /// Those are not checked again.
    public mutating func append(contentsOf entries: [LogEntry], checkedRunEnds: [Int: Bool])
        -> (accepted: [LogEntry], refused: [(entry: LogEntry, reason: EntryRefusal)])
    {
        append(contentsOf: entries, signatureVerified: false, checkedRunEnds: checkedRunEnds)
    }

    /// For each entry, the index of the last entry of its run: the longest stretch of entries of
    /// one origin, consecutive in `entries`, where each one's seq is the one before's + 1 and its
    /// `previous` the one before's hash. An entry outside any longer run is its own.
    public static func runTails(of entries: [LogEntry]) -> [Int] {
        var tails = [Int](repeating: 0, count: entries.count)
        var start = 0
        for i in entries.indices {
            let links = i > start && entries[i].origin == entries[i - 1].origin
                && entries[i].seq == entries[i - 1].seq &+ 1 && entries[i].previous == entries[i - 1].hash
            if !links {
                for k in start..<i { tails[k] = i - 1 }
                start = i
            }
        }
        for k in start..<entries.count { tails[k] = entries.count - 1 }
        return tails
    }

    /// The indices of the runs' last entries (`runTails(of:)`): the signatures a run check needs.
    public static func runEnds(of entries: [LogEntry]) -> [Int] {
        runTails(of: entries).enumerated().filter { $0.offset == $0.element }.map(\.offset)
    }

    private mutating func append(contentsOf entries: [LogEntry], signatureVerified: Bool, checkedRunEnds: [Int: Bool])
        -> (accepted: [LogEntry], refused: [(entry: LogEntry, reason: EntryRefusal)])
    {
        var accepted: [LogEntry] = []
        var refused: [(entry: LogEntry, reason: EntryRefusal)] = []
        prefetchStatuses(for: entries)
        defer {
            prefetchedStatuses = [:]
            prefetchedEntries = [:]
        }
        let tails = signatureVerified ? [] : Self.runTails(of: entries)
        var ends = checkedRunEnds
        for (i, e) in entries.enumerated() {
            do throws(EntryRefusal) {
                try checkPlace(e, signatureVerified: signatureVerified)
                // Step 8, by the run's last entry; checked once, when the first entry of the run
                // that needs it gets here (a run of replays needs none).
                var ownChecked = signatureVerified
                if !signatureVerified {
                    let t = tails[i]
                    let endValid: Bool
                    if let v = ends[t] {
                        endValid = v
                    } else {
                        endValid = verify(entries[t])
                        ends[t] = endValid
                    }
                    if t == i {
                        guard endValid else { throw .badSignature }
                        ownChecked = true
                    } else if !endValid {
                        // Something in the run does not verify: every entry of it on its own.
                        guard verify(e) else { throw .badSignature }
                        ownChecked = true
                    }
                }
                try link(e, signatureChecked: ownChecked)
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
    /// `restoring`: an entry read back from the archive (`restore(_:)`).
    mutating func append(_ entry: LogEntry, signatureVerified: Bool, restoring: Bool = false) throws(EntryRefusal) {
        try checkPlace(entry, signatureVerified: signatureVerified)
        guard signatureVerified || verify(entry) else { throw .badSignature }
        try link(entry, signatureChecked: true, restoring: restoring)
    }

    /// Steps 1–7: throws unless `entry` is its origin's next one. An entry at a held seq with
    /// other bytes has its own signature checked here, run or not: only then is it a proof.
    private mutating func checkPlace(_ entry: LogEntry, signatureVerified: Bool) throws(EntryRefusal) {
        let origin = entry.origin
        guard entry.encoded.count <= limits.maxEntryBytes else { throw .tooLarge }
        let isOperator = origin == operatorID
        guard entry.kind.isOperatorKind == isOperator else { throw .wrongKind }
        if !isOperator {
            guard members[origin] != nil else { throw .unknownOrigin }
        }
        guard equivocations[origin] == nil else { throw .equivocatingOrigin }
        if let r = revocations[origin], entry.seq > r.lastValidSeq { throw .revokedOrigin }

        let head = vector[origin]
        if entry.seq <= head {
            let read: LogEntry?
            do { read = try heldEntries(of: origin, from: entry.seq, through: entry.seq).first } catch {
                throw .invalidBody("the held log could not be read")
            }
            // Not read back: taken for a replay (no proof without the held entry).
            guard let held = read else { throw .replay }
            if held.hash == entry.hash { throw .replay }
            guard signatureVerified || verify(entry) else { throw .badSignature }
            if let proof = EquivocationProof(held: held, conflicting: entry) { equivocations[origin] = proof }
            throw .equivocation
        }
        guard entry.seq == head + 1 else { throw .gap }
    }

    /// Steps 9–10, once step 8 has passed (`signatureChecked`: by the entry's own signature, not
    /// only its run's): links to the held head, applies the body, appends.
    private mutating func link(_ entry: LogEntry, signatureChecked: Bool, restoring: Bool = false) throws(EntryRefusal) {
        let origin = entry.origin
        if let last = chains[origin]?.last, entry.previous != last.hash {
            // A fork is a proof only with the entry's own signature valid.
            guard signatureChecked || verify(entry) else { throw .badSignature }
            if let proof = EquivocationProof(held: last, conflicting: entry) { equivocations[origin] = proof }
            throw .equivocation
        }
        // Read back from the archive, a record's entry changes nothing in memory: its body was
        // checked when it was first taken, and the archive answers for the record from now on.
        if !(restoring && entry.kind.changesRecord) {
            let body: LogBody
            do throws(WireError) {
                body = try entry.decodedBody(limits: limits)
            } catch {
                throw .invalidBody(error.description)
            }
            try apply(body, from: origin, seq: entry.seq, restoring: restoring)
            if case .admit(let a) = body, memberNumbers[a.member] == nil {
                memberNumbers[a.member] = entry.seq
                numberedMembers[entry.seq] = a.member
            }
        }
        held(entry, restoring: restoring)
        if entry.kind.sinceVersion > (versionSteps[origin]?.last?.version ?? 1) {
            versionSteps[origin, default: []].append((entry.seq, entry.kind.sinceVersion))
        }
        vector[origin] = entry.seq
        totalEntries += 1
        bucketVectors[origin.bucket][origin] = entry.seq
        noteAdvance(of: origin, to: entry.seq)
    }

    /// Records a step of the vector: an entry that follows the last step's extends it.
    private mutating func noteAdvance(of origin: NodeID, to seq: UInt64) {
        if let last = recentAdvances.last, last.origin == origin, last.to == seq - 1 {
            recentAdvances[recentAdvances.count - 1].to = seq
            return
        }
        if recentAdvances.count == Self.recentAdvanceLimit { recentAdvances.removeFirst() }
        recentAdvances.append(VectorAdvance(origin: origin, from: seq - 1, to: seq))
    }

    private mutating func verify(_ entry: LogEntry) -> Bool {
        signatureChecks += 1
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
    /// `seq`: the entry's. `restoring`: read back from the archive, where the records it names
    /// were checked when it was first taken (`restore(_:)`).
    private mutating func apply(_ body: LogBody, from origin: NodeID, seq: UInt64, restoring: Bool) throws(EntryRefusal) {
        switch body {
        case .publish(let p):
            let key = RecordKey(origin: origin, id: p.id)
            guard try recordStatus(of: key) == nil else { throw .invalidBody("record already published") }
            setRecord(key, status: p.status, seq: seq, record: archive == nil ? p.record(origin: name(of: origin)) : nil)
        case .status(let id, let status):
            let key = RecordKey(origin: origin, id: id)
            guard let s = try recordStatus(of: key) else { throw .invalidBody("status of a record never published") }
            guard s != .withdrawn else { throw .invalidBody("status of a withdrawn record") }
            setRecord(key, status: status, seq: seq)
        case .withdraw(let id):
            let key = RecordKey(origin: origin, id: id)
            guard let s = try recordStatus(of: key) else { throw .invalidBody("withdrawal of a record never published") }
            guard s != .withdrawn else { throw .invalidBody("record already withdrawn") }
            setRecord(key, status: .withdrawn, seq: seq)
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
            sealedEpochs.insert(e.epoch)
        case .revoke(let r):
            guard members[r.member] != nil else { throw .invalidBody("revocation of a non-member") }
            guard revocations[r.member] == nil else { throw .invalidBody("member already revoked") }
            revocations[r.member] = r
        case .suppress(let s):
            guard !usedSuppressionIDs.contains(s.id) else { throw .invalidBody("suppression id already used") }
            guard s.tokens.allSatisfy({ sealedEpochs.contains($0.epoch) }) else {
                throw .invalidBody("suppressed token under an epoch the operator never sealed")
            }
            usedSuppressionIDs.insert(s.id)
            suppressions[s.id] = s
        case .lift(let id):
            guard suppressions[id] != nil else {
                throw .invalidBody(usedSuppressionIDs.contains(id) ? "suppression already lifted" : "lift of an unknown suppression")
            }
            suppressions[id] = nil
        case .reviewRequest(let q):
            guard reviewRequests[q.id] == nil else { throw .invalidBody("review request id already used") }
            guard q.records.allSatisfy({ members[$0.origin] != nil }) else {
                throw .invalidBody("review request names a record of a non-member")
            }
            reviewRequests[q.id] = q
        case .reviewAnswer(let a):
            // Only the origin's own log is read: the operator's request may reach a node after the
            // answer (another origin's log), so it is not required here (`Protocol/federation.md`).
            let key = ReviewAnswerKey(request: a.request, publication: a.publication)
            guard reviewAnswers[origin]?[key] == nil else { throw .invalidBody("review request already answered for this record") }
            if !restoring {
                guard let status = try recordStatus(of: RecordKey(origin: origin, id: a.publication)) else {
                    throw .invalidBody("answer for a record never published")
                }
                switch a.answer {
                case .kept:
                    guard status != .withdrawn else { throw .invalidBody("kept answer for a withdrawn record") }
                case .corrected, .withdrawn:
                    guard status == .withdrawn else { throw .invalidBody("\(a.answer.name) answer for a record still published") }
                }
            }
            reviewAnswers[origin, default: [:]][key] = a
        case .sealedMessage(let m):
            guard m.to != origin else { throw .invalidBody("a message to its own sender") }
            guard sealedMessages[origin]?[m.id] == nil else { throw .invalidBody("message id already used by this origin") }
            sealedMessages[origin, default: [:]][m.id] = m.to
        case .policy(let p):
            policy = p
        case .quota(let q):
            guard members[q.member] != nil else { throw .invalidBody("quota for a non-member") }
            quotaOverrides[q.member] = q.quota
        case .usage:
            // Counts are read by the hubs from the entries they hold (`HubUsageBook`); the log
            // checks only who may sign one.
            guard members[origin]?.role == .hub else { throw .invalidBody("usage signed by a member that is not a hub") }
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
