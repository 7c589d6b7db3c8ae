/// Body encodings of `Protocol/federation.md`, "Entry kinds". Every field has a fixed width or an
/// explicit length; decoding refuses out-of-range values and trailing bytes, so one body has one
/// encoding.
extension LogBody {
    public func encoded() -> [UInt8] {
        var w = WireWriter(capacity: 128)
        switch self {
        case .publish(let p):
            w.raw(p.id.bytes)
            w.u32(p.epoch)
            w.u8(p.category.rawValue)
            w.u64(UInt64(truncatingIfNeeded: p.amountYen))
            w.u16(UInt16(truncatingIfNeeded: p.year))
            w.u8(UInt8(truncatingIfNeeded: p.month))
            w.u8(p.status.rawValue)
            w.u32(UInt32(truncatingIfNeeded: p.expiresOn.daysSinceEpoch))
            w.u8(UInt8(truncatingIfNeeded: p.tokens.count))
            for t in p.tokens {
                w.u8(t.type.rawValue)
                w.raw(t.value.bytes)
            }
        case .status(let id, let status):
            w.raw(id.bytes)
            w.u8(status.rawValue)
        case .withdraw(let id):
            w.raw(id.bytes)
        case .admit(let a):
            w.raw(a.member.bytes)
            w.raw(a.sealingKey)
            w.u8(a.role.rawValue)
            w.shortString(a.name)
            w.shortString(a.region)
        case .epochKey(let e):
            w.u32(e.epoch)
            w.u16(UInt16(truncatingIfNeeded: e.boxes.count))
            for b in e.boxes {
                w.raw(b.member.bytes)
                w.raw(b.encapsulatedKey)
                w.raw(b.ciphertext)
            }
        case .revoke(let r):
            w.raw(r.member.bytes)
            w.u8(r.reason.rawValue)
            w.u64(r.lastValidSeq)
        case .suppress(let s):
            w.raw(s.id.bytes)
            w.u8(s.reason.rawValue)
            w.u8(UInt8(truncatingIfNeeded: s.tokens.count))
            for t in s.tokens {
                w.u32(t.epoch)
                w.u8(t.token.type.rawValue)
                w.raw(t.token.value.bytes)
            }
        case .lift(let id):
            w.raw(id.bytes)
        case .reviewRequest(let q):
            w.raw(q.id.bytes)
            w.u8(q.kind.rawValue)
            w.u32(UInt32(truncatingIfNeeded: q.deadline.daysSinceEpoch))
            w.u8(UInt8(truncatingIfNeeded: q.records.count))
            for k in q.records {
                w.raw(k.origin.bytes)
                w.raw(k.id.bytes)
            }
        case .reviewAnswer(let a):
            w.raw(a.request.bytes)
            w.raw(a.publication.bytes)
            w.u8(a.answer.rawValue)
            w.shortString(a.reason)
        case .sealedMessage(let m):
            w.raw(m.id.bytes)
            w.raw(m.to.bytes)
            w.raw(m.encapsulatedKey)
            w.u16(UInt16(truncatingIfNeeded: m.ciphertext.count))
            w.raw(m.ciphertext)
        case .policy(let p):
            w.u8(UInt8(truncatingIfNeeded: p.settings.count))
            for s in p.settings {
                w.u8(s.code)
                w.u64(s.value)
            }
        case .quota(let q):
            w.raw(q.member.bytes)
            w.u64(q.quota.daily)
            w.u64(q.quota.burst)
        case .usage(let u):
            w.u32(UInt32(truncatingIfNeeded: u.day.daysSinceEpoch))
            w.u16(UInt16(truncatingIfNeeded: u.counts.count))
            for c in u.counts {
                w.raw(c.member.bytes)
                w.u64(c.identities)
            }
        }
        return w.bytes
    }

    /// Whether `encoded()` will produce a body `decode` accepts: what `LogEntry.make` checks
    /// before signing.
    public func validate(limits: FederationLimits = .standard) throws(WireError) {
        let bytes = encoded()
        let back = try LogBody.decode(kind: kind, bytes, limits: limits)
        guard back == self else { throw .malformed("body does not round-trip (unsorted boxes or tokens out of range?)") }
    }

    public static func decode(kind: LogEntryKind, _ bytes: [UInt8], limits: FederationLimits = .standard) throws(WireError) -> LogBody {
        var r = WireReader(bytes)
        let body: LogBody
        switch kind {
        case .publish:
            let id = try reportID(&r)
            let epoch = try r.u32()
            guard let category = ReportCategory(rawValue: try r.u8()) else { throw .malformed("unknown category") }
            let amount = try r.u64()
            guard amount <= 1_000_000_000 else { throw .malformed("amount out of range") }
            let year = Int(try r.u16())
            let month = Int(try r.u8())
            guard (1900...9999).contains(year), (1...12).contains(month) else { throw .malformed("bad month") }
            guard let status = ReportStatus(rawValue: try r.u8()), status != .withdrawn else { throw .malformed("bad status") }
            let days = try r.u32()
            guard days <= 2_932_896 else { throw .malformed("expiry out of range") } // 9999-12-31
            let count = Int(try r.u8())
            guard (1...limits.maxRecordTokens).contains(count) else { throw .malformed("token count out of range") }
            var tokens: [BlindToken] = []
            tokens.reserveCapacity(count)
            for _ in 0..<count {
                guard let type = TokenType(rawValue: try r.u8()) else { throw .malformed("unknown token type") }
                guard let value = TokenValue(bytes: try r.raw(16)) else { throw .malformed("token") }
                tokens.append(BlindToken(type: type, value: value))
            }
            guard Set(tokens).count == tokens.count else { throw .malformed("repeated token") }
            body = .publish(RecordPublication(
                id: id, epoch: epoch, category: category, amountYen: Int(amount), year: year, month: month,
                status: status, expiresOn: LocalDate(daysSinceEpoch: Int(days)), tokens: tokens))
        case .status:
            let id = try reportID(&r)
            guard let status = ReportStatus(rawValue: try r.u8()), status != .withdrawn else { throw .malformed("bad status") }
            body = .status(id, status)
        case .withdraw:
            body = .withdraw(try reportID(&r))
        case .admit:
            let member = try nodeID(&r)
            let sealing = try r.raw(32)
            guard let role = MemberRole(rawValue: try r.u8()) else { throw .malformed("unknown role") }
            let name = try r.shortString()
            let region = try r.shortString()
            guard (1...64).contains(name.utf8.count), region.utf8.count <= 32 else { throw .malformed("name or region length") }
            body = .admit(MemberAdmission(member: member, sealingKey: sealing, role: role, name: name, region: region))
        case .epochKey:
            let epoch = try r.u32()
            let count = Int(try r.u16())
            guard (1...limits.maxEpochKeyBoxes).contains(count) else { throw .malformed("box count out of range") }
            var boxes: [SealedEpochKey.Box] = []
            for _ in 0..<count {
                let m = try nodeID(&r)
                boxes.append(SealedEpochKey.Box(member: m, encapsulatedKey: try r.raw(32), ciphertext: try r.raw(48)))
            }
            for i in boxes.indices.dropFirst() where !(boxes[i - 1].member < boxes[i].member) {
                throw .malformed("boxes not sorted by member")
            }
            body = .epochKey(SealedEpochKey(epoch: epoch, boxes: boxes))
        case .revoke:
            let m = try nodeID(&r)
            guard let reason = RevocationReason(rawValue: try r.u8()) else { throw .malformed("unknown reason") }
            body = .revoke(Revocation(member: m, reason: reason, lastValidSeq: try r.u64()))
        case .suppress:
            let id = try suppressionID(&r)
            guard let reason = SuppressionReason(rawValue: try r.u8()) else { throw .malformed("unknown suppression reason") }
            let count = Int(try r.u8())
            guard (1...Suppression.maxTokens).contains(count) else { throw .malformed("suppressed token count out of range") }
            var tokens: [SuppressedToken] = []
            tokens.reserveCapacity(count)
            for _ in 0..<count {
                let epoch = try r.u32()
                guard let type = TokenType(rawValue: try r.u8()) else { throw .malformed("unknown token type") }
                guard let value = TokenValue(bytes: try r.raw(16)) else { throw .malformed("token") }
                tokens.append(SuppressedToken(epoch: epoch, token: BlindToken(type: type, value: value)))
            }
            for i in tokens.indices.dropFirst() where !(tokens[i - 1] < tokens[i]) {
                throw .malformed("suppressed tokens not strictly ascending")
            }
            body = .suppress(Suppression(id: id, reason: reason, decodedTokens: tokens))
        case .lift:
            body = .lift(try suppressionID(&r))
        case .reviewRequest:
            let id = try reviewRequestID(&r)
            guard let kind = SubjectRequestKind(rawValue: try r.u8()) else { throw .malformed("unknown request kind") }
            let days = try r.u32()
            guard days <= 2_932_896 else { throw .malformed("deadline out of range") } // 9999-12-31
            let count = Int(try r.u8())
            guard (1...ReviewRequest.maxRecords).contains(count) else { throw .malformed("record count out of range") }
            var records: [RecordKey] = []
            records.reserveCapacity(count)
            for _ in 0..<count {
                let origin = try nodeID(&r)
                records.append(RecordKey(origin: origin, id: try reportID(&r)))
            }
            for i in records.indices.dropFirst() where !(records[i - 1] < records[i]) {
                throw .malformed("records not strictly ascending")
            }
            body = .reviewRequest(ReviewRequest(id: id, kind: kind, deadline: LocalDate(daysSinceEpoch: Int(days)),
                                                decodedRecords: records))
        case .reviewAnswer:
            let request = try reviewRequestID(&r)
            let publication = try reportID(&r)
            guard let answer = ReviewAnswerKind(rawValue: try r.u8()) else { throw .malformed("unknown answer") }
            let reason = try r.shortString()
            guard reason.utf8.count <= ReviewAnswer.maxReasonBytes else { throw .malformed("reason too long") }
            guard (answer == .kept) == !reason.isEmpty else { throw .malformed("a reason goes with kept, and only with it") }
            body = .reviewAnswer(ReviewAnswer(request: request, publication: publication, answer: answer, reason: reason))
        case .sealedMessage:
            guard let id = SealedMessageID(bytes: try r.raw(16)) else { throw .malformed("message id") }
            let to = try nodeID(&r)
            let enc = try r.raw(32)
            let length = Int(try r.u16())
            guard SealedMessage.isValidCiphertextLength(length) else { throw .malformed("ciphertext length") }
            body = .sealedMessage(SealedMessage(id: id, to: to, encapsulatedKey: enc, ciphertext: try r.raw(length)))
        case .policy:
            let count = Int(try r.u8())
            guard (1...FederationPolicy.maxSettings).contains(count) else { throw .malformed("setting count out of range") }
            var settings: [PolicySetting] = []
            settings.reserveCapacity(count)
            for _ in 0..<count {
                let s = PolicySetting(code: try r.u8(), value: try r.u64())
                guard s.code != 0 else { throw .malformed("setting code 0 is reserved") }
                if let last = settings.last, !(last.code < s.code) { throw .malformed("settings not strictly ascending") }
                if s.code == PolicySetting.replicasCode, ReplicaPolicy(rawValue: s.value) == nil { throw .malformed("unknown replicas value") }
                settings.append(s)
            }
            body = .policy(FederationPolicy(settings: settings))
        case .quota:
            let member = try nodeID(&r)
            body = .quota(QuotaOverride(member: member, quota: LookupQuota(daily: try r.u64(), burst: try r.u64())))
        case .usage:
            let days = try r.u32()
            guard days <= 2_932_896 else { throw .malformed("day out of range") } // 9999-12-31
            let count = Int(try r.u16())
            guard (1...HubUsage.maxMembers).contains(count) else { throw .malformed("member count out of range") }
            var counts: [(member: NodeID, identities: UInt64)] = []
            counts.reserveCapacity(count)
            for _ in 0..<count {
                let m = try nodeID(&r)
                if let last = counts.last, !(last.member < m) { throw .malformed("members not strictly ascending") }
                counts.append((m, try r.u64()))
            }
            body = .usage(HubUsage(day: LocalDate(daysSinceEpoch: Int(days)), counts: counts))
        }
        try r.expectEnd()
        return body
    }

    private static func reportID(_ r: inout WireReader) throws(WireError) -> ReportID {
        guard let id = ReportID(bytes: try r.raw(16)) else { throw .malformed("report id") }
        return id
    }

    private static func suppressionID(_ r: inout WireReader) throws(WireError) -> SuppressionID {
        guard let id = SuppressionID(bytes: try r.raw(16)) else { throw .malformed("suppression id") }
        return id
    }

    private static func reviewRequestID(_ r: inout WireReader) throws(WireError) -> ReviewRequestID {
        guard let id = ReviewRequestID(bytes: try r.raw(16)) else { throw .malformed("review request id") }
        return id
    }

    private static func nodeID(_ r: inout WireReader) throws(WireError) -> NodeID {
        guard let id = NodeID(bytes: try r.raw(32)) else { throw .malformed("node id") }
        return id
    }
}
