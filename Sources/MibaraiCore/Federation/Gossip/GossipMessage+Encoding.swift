/// Framing: `length (u32 BE) || code (u8) || payload`, where `length` counts the code and the
/// payload and is at most the receiver's `maxMessageBytes`. Payloads per `Protocol/federation.md`.
extension GossipMessage {
    /// The frame as sent, length prefix included.
    public func framed() -> [UInt8] {
        let body = encodedBody()
        var w = WireWriter(capacity: body.count + 4)
        w.u32(UInt32(body.count))
        w.raw(body)
        return w.bytes
    }

    /// Code and payload, without the length prefix.
    public func encodedBody() -> [UInt8] {
        var w = WireWriter(capacity: 64)
        w.u8(code.rawValue)
        switch self {
        case .hello(let h):
            w.u8(h.minVersion)
            w.u8(h.maxVersion)
            w.u32(h.maxMessageBytes)
            w.u16(h.maxEntriesPerMessage)
            w.shortString(h.listenAddress)
        case .summary(let root, let entries):
            w.raw(root)
            w.varint(entries)
        case .inSync, .getPeers:
            break
        case .buckets(let digests):
            for d in digests { w.u16(d) }
        case .want(let mask, let heads):
            w.u64(mask)
            Self.encode(heads, into: &w)
        case .delta(let mask, let behind, let entries):
            w.u64(mask)
            Self.encode(behind, into: &w)
            Self.encode(entries, into: &w)
        case .entries(let entries):
            Self.encode(entries, into: &w)
        case .peers(let peers):
            w.varint(UInt64(peers.count))
            for p in peers {
                w.raw(p.id.bytes)
                w.shortString(p.address)
            }
        case .equivocation(let proof):
            Self.encode([proof.held, proof.conflicting], into: &w)
        case .error(let code, let detail):
            w.u8(code.rawValue)
            w.u8(detail)
        case .hintedSummary(let root, let entries, let recent):
            w.raw(root)
            w.varint(entries)
            Self.encode(recent, into: &w)
        }
        return w.bytes
    }

    /// Heads a `hinted_summary` carries at most.
    public static let maxRecentHeads = 16

    /// Bytes an entry adds to an entry list.
    public static func listBytes(of entry: LogEntry) -> Int { 4 + entry.encoded.count }

    /// `varint count`, then per head `varint (member - previous member)` (the first: the member
    /// itself) and `varint seq`. Members strictly ascending.
    static func encode(_ heads: [NumberedHead], into w: inout WireWriter) {
        w.varint(UInt64(heads.count))
        var previous: UInt64 = 0
        for (i, h) in heads.enumerated() {
            w.varint(i == 0 ? h.member : h.member &- previous)
            w.varint(h.seq)
            previous = h.member
        }
    }

    static func encode(_ entries: [LogEntry], into w: inout WireWriter) {
        w.varint(UInt64(entries.count))
        for e in entries {
            w.u32(UInt32(e.encoded.count))
            w.raw(e.encoded)
        }
    }

    /// Decodes a frame's code and payload (length prefix already read and checked by the caller
    /// against `limits.maxMessageBytes`; checked again here).
    public static func decode(body bytes: [UInt8], limits: FederationLimits = .standard) throws(WireError) -> GossipMessage {
        guard bytes.count <= limits.maxMessageBytes else { throw .tooLarge(limit: limits.maxMessageBytes, actual: bytes.count) }
        var r = WireReader(bytes)
        let raw = try r.u8()
        guard let code = Code(rawValue: raw) else { throw .unknownCode(raw) }
        let message: GossipMessage
        switch code {
        case .hello:
            let minV = try r.u8()
            let maxV = try r.u8()
            guard minV <= maxV, minV >= 1 else { throw .malformed("version range") }
            message = .hello(Hello(minVersion: minV, maxVersion: maxV, maxMessageBytes: try r.u32(),
                                   maxEntriesPerMessage: try r.u16(), listenAddress: try r.shortString()))
        case .summary:
            message = .summary(root: try r.raw(16), entries: try r.varint())
        case .inSync:
            message = .inSync
        case .buckets:
            message = .buckets(try (0..<VersionVector.bucketCount).map { _ throws(WireError) in try r.u16() })
        case .want:
            let mask = try r.u64()
            message = .want(buckets: mask, heads: try heads(&r, allowZero: false))
        case .delta:
            let mask = try r.u64()
            let behind = try heads(&r, allowZero: true)
            message = .delta(buckets: mask, behind: behind, entries: try entryList(&r, limits: limits))
        case .entries:
            message = .entries(try entryList(&r, limits: limits))
        case .getPeers:
            message = .getPeers
        case .peers:
            let n = try r.varint()
            guard n <= UInt64(limits.maxPeersPerMessage) else { throw .malformed("too many peers") }
            var peers: [PeerInfo] = []
            for _ in 0..<n {
                guard let id = NodeID(bytes: try r.raw(32)) else { throw .malformed("peer id") }
                peers.append(PeerInfo(id: id, address: try r.shortString()))
            }
            message = .peers(peers)
        case .equivocation:
            let pair = try entryList(&r, limits: limits)
            guard pair.count == 2, let proof = EquivocationProof(held: pair[0], conflicting: pair[1]) else {
                throw .malformed("not a proof of equivocation")
            }
            message = .equivocation(proof)
        case .error:
            let c = try r.u8()
            guard let ec = GossipErrorCode(rawValue: c) else { throw .unknownCode(c) }
            message = .error(ec, detail: try r.u8())
        case .hintedSummary:
            let root = try r.raw(16)
            let entries = try r.varint()
            let recent = try heads(&r, allowZero: false)
            guard recent.count <= GossipMessage.maxRecentHeads else { throw .malformed("too many recent heads") }
            message = .hintedSummary(root: root, entries: entries, recent: recent)
        }
        try r.expectEnd()
        return message
    }

    private static func heads(_ r: inout WireReader, allowZero: Bool) throws(WireError) -> [NumberedHead] {
        let n = try r.varint()
        guard n <= UInt64(r.remaining / 2) else { throw .malformed("head count") }
        var out: [NumberedHead] = []
        out.reserveCapacity(Int(n))
        var previous: UInt64 = 0
        for i in 0..<n {
            let step = try r.varint()
            guard i == 0 || step > 0 else { throw .malformed("member numbers not ascending") }
            let (member, overflow) = previous.addingReportingOverflow(step)
            guard !overflow else { throw .malformed("member number") }
            let seq = try r.varint()
            guard allowZero || seq > 0 else { throw .malformed("head seq 0") }
            out.append(NumberedHead(member: member, seq: seq))
            previous = member
        }
        return out
    }

    private static func entryList(_ r: inout WireReader, limits: FederationLimits) throws(WireError) -> [LogEntry] {
        let n = try r.varint()
        guard n <= UInt64(limits.maxEntriesPerMessage) else { throw .malformed("too many entries") }
        var out: [LogEntry] = []
        out.reserveCapacity(Int(n))
        for _ in 0..<n {
            let len = Int(try r.u32())
            guard len <= limits.maxEntryBytes else { throw .tooLarge(limit: limits.maxEntryBytes, actual: len) }
            out.append(try LogEntry(decoding: try r.raw(len), limits: limits))
        }
        return out
    }
}
