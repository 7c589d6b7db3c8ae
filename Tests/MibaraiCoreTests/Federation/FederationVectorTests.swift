import Crypto
import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `Protocol/vectors/federation/`, written by `scripts/gen_federation_vectors.py` from the spec alone.
@Suite("Federation vectors")
struct FederationVectorTests {
    struct Fields: Decodable {
        struct Token: Decodable { var type: String; var value: String; var epoch: UInt32? }
        struct Box: Decodable { var member: String; var enc: String; var ciphertext: String }
        var id: String?, epoch: UInt32?, category: String?, amount_yen: Int?, month: String?, status: String?
        var expires_on: String?, tokens: [Token]?
        var member: String?, sealing_key: String?, role: String?, name: String?, region: String?
        var boxes: [Box]?, key_for_check: String?, reason: String?, last_valid_seq: UInt64?
        var values_for_check: [[String]]?
        struct Record: Decodable { var origin: String; var publication: String }
        var kind: String?, deadline: String?, records: [Record]?, request: String?, publication: String?, answer: String?
        struct Setting: Decodable { var code: UInt8; var value: UInt64 }
        var settings: [Setting]?, replicas: String?
        struct Usage: Decodable { var member: String; var identities: UInt64 }
        var daily: UInt64?, burst: UInt64?, day: String?, usage: [Usage]?
    }

    struct EntryVector: Decodable, CustomTestStringConvertible {
        var kind: String, kind_code: UInt8, origin: String, seq: UInt64, previous: String
        var fields: Fields, body: String, signature: String, entry: String, hash: String
        var testDescription: String { "\(kind) seq \(seq)" }
    }

    struct ChainStep: Decodable { var operator_: String; var step: String; var entry: String; var expect: String
        /// `chain_policy.jsonl`: the federation's replicas setting after the step.
        var replicas_after: String?
        /// `chain_quota.jsonl`: the members' quota overrides after the step.
        struct Quota: Decodable { var daily: UInt64; var burst: UInt64 }
        var quota_after: [String: Quota]?
        enum CodingKeys: String, CodingKey { case operator_ = "operator", step, entry, expect, replicas_after, quota_after }
    }

    struct Head: Decodable { var origin: String; var seq: UInt64 }
    struct VectorVector: Decodable { var heads: [Head]; var encoding: String; var bucket_digests: [String]; var root: String }
    struct ExchangeLine: Decodable { var node: String?; var heads: [Head]?; var from: String?; var message: String?; var frame: String? }

    static func file(_ name: String) -> URL { ProjectPaths.protocolFile("vectors/federation/\(name)") }
    static func entries() throws -> [EntryVector] { try JSONLines.read(EntryVector.self, from: file("entries.jsonl")) }
    static func hex(_ s: String) -> [UInt8] { Hex.decode(s)! }
    static func id(_ s: String) -> NodeID { NodeID(hex: s)! }

    /// The signers of the script, by origin: seeds C0…, 01…, 02…, 03….
    static let signers: [NodeID: Curve25519.Signing.PrivateKey] = Dictionary(uniqueKeysWithValues: [0xC0, 0x01, 0x02, 0x03].map { (b: UInt8) in
        let k = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: b, count: 32))
        return (NodeID(publicKey: k.publicKey), k)
    })

    /// The body the vector's fields describe, built from names with this implementation's codes.
    static func body(_ v: EntryVector) throws -> LogBody {
        let f = v.fields
        switch v.kind {
        case "publish":
            let month = f.month!.split(separator: "-").map { Int($0)! }
            return .publish(RecordPublication(
                id: ReportID(hex: f.id!)!, epoch: f.epoch!, category: ReportCategory(name: f.category!)!, amountYen: f.amount_yen!,
                year: month[0], month: month[1], status: ReportStatus(name: f.status!)!, expiresOn: LocalDate(parsing: f.expires_on!)!,
                tokens: f.tokens!.map { t in BlindToken(type: TokenType.allCases.first { $0.name == t.type }!, value: TokenValue(bytes: hex(t.value))!) }))
        case "status": return .status(ReportID(hex: f.id!)!, ReportStatus(name: f.status!)!)
        case "withdraw": return .withdraw(ReportID(hex: f.id!)!)
        case "admit":
            return .admit(MemberAdmission(member: id(f.member!), sealingKey: hex(f.sealing_key!),
                                          role: MemberRole.allCases.first { $0.name == f.role! }!, name: f.name!, region: f.region!))
        case "epoch_key":
            return .epochKey(SealedEpochKey(epoch: f.epoch!, boxes: f.boxes!.map {
                SealedEpochKey.Box(member: id($0.member), encapsulatedKey: hex($0.enc), ciphertext: hex($0.ciphertext)) }))
        case "revoke":
            return .revoke(Revocation(member: id(f.member!), reason: RevocationReason.allCases.first { $0.name == f.reason! }!,
                                      lastValidSeq: f.last_valid_seq!))
        case "suppress":
            return .suppress(Suppression(
                id: SuppressionID(hex: f.id!)!, reason: SuppressionReason.allCases.first { $0.name == f.reason! }!,
                tokens: f.tokens!.map { t in
                    SuppressedToken(epoch: t.epoch!, token: BlindToken(type: TokenType.allCases.first { $0.name == t.type }!,
                                                                      value: TokenValue(bytes: hex(t.value))!))
                }))
        case "lift": return .lift(SuppressionID(hex: f.id!)!)
        case "review_request":
            return .reviewRequest(ReviewRequest(
                id: ReviewRequestID(hex: f.id!)!, kind: SubjectRequestKind(name: f.kind!)!, deadline: LocalDate(parsing: f.deadline!)!,
                records: f.records!.map { RecordKey(origin: id($0.origin), id: ReportID(hex: $0.publication)!) }))
        case "review_answer":
            return .reviewAnswer(ReviewAnswer(
                request: ReviewRequestID(hex: f.request!)!, publication: ReportID(hex: f.publication!)!,
                answer: ReviewAnswerKind.allCases.first { $0.name == f.answer! }!, reason: f.reason!))
        case "quota":
            return .quota(QuotaOverride(member: id(f.member!), quota: LookupQuota(daily: f.daily!, burst: f.burst!)))
        case "usage":
            return .usage(HubUsage(day: LocalDate(parsing: f.day!)!, counts: f.usage!.map { (id($0.member), $0.identities) }))
        case "policy":
            let p = FederationPolicy(settings: f.settings!.map { PolicySetting(code: $0.code, value: $0.value) })
            #expect(p.replicas.name == f.replicas, "the replicas setting a receiver takes")
            return .policy(p)
        default:
            throw WireError.malformed("unknown kind in vector")
        }
    }

    @Test("entries decode, verify and re-encode byte for byte", arguments: try entries())
    func entry(v: EntryVector) throws {
        let e = try LogEntry(decoding: Self.hex(v.entry))
        #expect(e.kind.rawValue == v.kind_code && e.kind.name == v.kind)
        #expect(e.origin.description == v.origin && e.seq == v.seq && e.previous.description == v.previous)
        #expect(Hex.encode(e.body) == v.body && Hex.encode(e.signature) == v.signature && e.hash.description == v.hash)
        #expect(e.hasValidSignature())
        let body = try Self.body(v)
        #expect(try e.decodedBody() == body)
        #expect(Hex.encode(body.encoded()) == v.body)
        let signer = try #require(Self.signers[e.origin])
        let made = try LogEntry.make(signer: signer, seq: v.seq, previous: EntryHash(bytes: Self.hex(v.previous))!, body: body)
        #expect(made.hasValidSignature())
        // Ed25519 (RFC 8032) is deterministic; BoringSSL, which swift-crypto uses on Linux, follows it.
        #if os(Linux)
        #expect(Hex.encode(made.encoded) == v.entry)
        #endif
        if case .suppress(let s) = body, let values = v.fields.values_for_check, let key = v.fields.key_for_check {
            // Each token is blinding.md's, from its canonical values under the epoch's key.
            #expect(values.count == s.tokens.count)
            for (t, vs) in zip(s.tokens, values) {
                let blinder = Blinder(key: try #require(EpochKey(epoch: t.epoch, keyBytes: Self.hex(key))))
                #expect(blinder.token(t.token.type, vs) == t.token, "\(t.token.type)")
            }
        }
        if case .epochKey(let sealed) = body, let want = v.fields.key_for_check {
            for (seed, member) in [(UInt8(0x11), 0x01), (0x12, 0x02)] as [(UInt8, UInt8)] {
                let x = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
                let m = NodeID(publicKey: try Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: member, count: 32)).publicKey)
                #expect(sealed.open(for: m, sealingKey: x, operator: e.origin).map { Hex.encode($0.keyBytes) } == want)
            }
        }
    }

    struct PublicationVector: Decodable { var report_id: String; var epoch: UInt32; var revision: UInt32?; var publication_id: String }

    @Test func publicationIDsAreTheSpecs() throws {
        let vectors = try JSONLines.read(PublicationVector.self, from: Self.file("publication_ids.jsonl"))
        #expect(vectors.count == 6)
        #expect(vectors.filter { ($0.revision ?? 0) > 0 }.count == 3)
        for v in vectors {
            let id = OwnLogPlan.publicationID(report: ReportID(bytes: Self.hex(v.report_id))!, epoch: v.epoch, revision: v.revision ?? 0)
            #expect(Hex.encode(id.bytes) == v.publication_id)
        }
    }

    /// In `entries.jsonl`, or (`sealed_message`, with what opening it needs) `sealed_messages.jsonl`.
    @Test func everyKindHasAVector() throws {
        let sealed = try SealedMessageVectorTests.vectors().map(\.kind_code)
        #expect(Set(try Self.entries().map(\.kind_code) + sealed) == Set(LogEntryKind.allCases.map(\.rawValue)))
    }

    @Test(arguments: ["chain.jsonl", "chain_reviews.jsonl", "chain_messages.jsonl", "chain_policy.jsonl", "chain_quota.jsonl"])
    func theChainGetsTheSpecsVerdicts(file: String) throws {
        let steps = try JSONLines.read(ChainStep.self, from: Self.file(file))
        #expect(steps.count >= ["chain.jsonl": 20, "chain_reviews.jsonl": 30, "chain_messages.jsonl": 6, "chain_policy.jsonl": 10, "chain_quota.jsonl": 12][file, default: 1])
        var log = FederationLog(operator: Self.id(steps[0].operator_))
        for s in steps {
            var verdict = "accepted"
            do { _ = try log.append(encoded: Self.hex(s.entry)) } catch { verdict = error.name }
            #expect(verdict == s.expect, "\(s.step)")
            if let want = s.replicas_after { #expect(log.policy.replicas.name == want, "\(s.step)") }
            if let want = s.quota_after {
                let held = Dictionary(uniqueKeysWithValues: log.quotaOverrides.map { (Hex.encode($0.key.bytes), $0.value) })
                #expect(held == want.mapValues { LookupQuota(daily: $0.daily, burst: $0.burst) }, "\(s.step)")
            }
        }
    }

    @Test func versionVectorEncodingsAndDigests() throws {
        let vectors = try JSONLines.read(VectorVector.self, from: Self.file("version_vectors.jsonl"))
        #expect(vectors.count >= 3)
        for v in vectors {
            let vv = VersionVector(Dictionary(uniqueKeysWithValues: v.heads.map { (Self.id($0.origin), $0.seq) }))
            #expect(Hex.encode(vv.encoded()) == v.encoding)
            #expect(try VersionVector.decode(Self.hex(v.encoding)) == vv)
            #expect(vv.bucketDigests.map { d in Hex.encode((0..<8).map { UInt8(truncatingIfNeeded: d >> (56 - 8 * $0)) }) } == v.bucket_digests)
            #expect(Hex.encode(vv.rootDigest) == v.root)
        }
    }

    /// Two state machines over logs holding what the vector's X and Y hold: their frames, after
    /// the hellos, are the vector's frames. Version 1: summary, buckets, want, delta, entries.
    @Test func anExchangeProducesTheSpecsFrames() throws {
        try exchange(file: "exchange.jsonl", versions: 1...1)
    }

    /// Version 2: the hinted summary lets the responder answer with the delta at once.
    @Test func aVersionTwoExchangeProducesTheSpecsFrames() throws {
        try exchange(file: "exchange_v2.jsonl", versions: 1...2)
    }

    private func exchange(file: String, versions: ClosedRange<UInt8>) throws {
        let lines = try JSONLines.read(ExchangeLine.self, from: Self.file(file))
        let all = try Self.entries().map { try LogEntry(decoding: Self.hex($0.entry)) }
        let op = all[0].origin
        func log(_ heads: [Head]) throws -> FederationLog {
            var l = FederationLog(operator: op)
            let want = Dictionary(uniqueKeysWithValues: heads.map { (Self.id($0.origin), $0.seq) })
            for e in all where e.seq <= want[e.origin, default: 0] { try l.append(e) }
            return l
        }
        var logs = [try log(lines[0].heads!), try log(lines[1].heads!)]
        let ids = [NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey), NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)]
        let config = GossipConfiguration(versions: versions)
        var machines = [GossipStateMachine(me: ids[0], configuration: config, seeds: [PeerInfo(id: ids[1], address: "y:1")]),
                        GossipStateMachine(me: ids[1], configuration: config)]
        var frames: [(from: Int, bytes: [UInt8])] = []
        var queue: [(from: Int, bytes: [UInt8])] = []
        func perform(_ actions: [GossipAction], at i: Int) throws {
            for a in actions {
                switch a {
                case .send(let m, _):
                    queue.append((i, m.framed()))
                    if m.code != .hello { frames.append((i, m.framed())) }
                case .store(let es, _):
                    let r = logs[i].append(contentsOf: es)
                    try perform(machines[i].stored(accepted: r.accepted, refused: r.refused.map(\.reason), from: ids[1 - i]), at: i)
                default: break
                }
            }
        }
        func drain() throws {
            while !queue.isEmpty {
                let (from, bytes) = queue.removeFirst()
                try perform(machines[1 - from].received(frame: Array(bytes.dropFirst(4)), from: ids[from], now: .zero, source: logs[1 - from]), at: 1 - from)
            }
        }
        var rng = SimulationRandom(seed: 1)
        try perform(machines[0].tick(now: .zero, source: logs[0], random: &rng), at: 0)
        try perform(machines[0].connected(ids[1], outbound: true, now: .zero), at: 0)
        try perform(machines[1].connected(ids[0], outbound: false, now: .zero), at: 1)
        try drain()
        // Y now opens an exchange with X: they are in sync.
        _ = machines[1].connected(ids[0], outbound: true, now: .zero)
        try perform(machines[1].received(frame: Array(GossipMessage.hello(.init(minVersion: 1, maxVersion: versions.upperBound, maxMessageBytes: 4_194_304, maxEntriesPerMessage: 1_024, listenAddress: "")).framed().dropFirst(4)), from: ids[0], now: .zero, source: logs[1]), at: 1)
        try drain()
        let expected = lines.compactMap { l in l.frame.map { (from: l.from == "X" ? 0 : 1, frame: $0, message: l.message!) } }
        #expect(frames.count == expected.count)
        for (got, want) in zip(frames, expected) {
            #expect(got.from == want.from, "\(want.message)")
            #expect(Hex.encode(got.bytes) == want.frame, "\(want.message)")
        }
        #expect(logs[0].rootDigest == logs[1].rootDigest)
    }
}
