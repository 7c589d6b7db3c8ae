import Crypto
import Foundation
import MibaraiCore
import Testing

@Suite("Federation log")
struct FederationLogTests {
    typealias F = FederationFixture

    @Test func entriesRoundTripAndChain() throws {
        var log = F.log()
        let a = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        let b = try log.append(signing: .status(F.record(1).id, .paid), with: F.signer(1))
        #expect(a.seq == 1 && a.previous == .zero)
        #expect(b.seq == 2 && b.previous == a.hash)
        let decoded = try LogEntry(decoding: b.encoded)
        #expect(decoded == b && decoded.hash == b.hash && decoded.hasValidSignature())
        #expect(try a.decodedBody() == .publish(F.record(1)))
        #expect(log.vector[F.id(1)] == 2)
        #expect(log.records[RecordKey(origin: F.id(1), id: F.record(1).id)]?.status == .paid)
        #expect(log.records.values.first?.origin == "shop-1")
    }

    @Test func forgedAlteredReplayedAndGapsAreRefusedAndNothingStored() throws {
        var log = F.log()
        let first = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        let before = (log.vector, log.entryCount, log.records)

        // Signed by member 2's key but claiming member 1 as origin: the origin field is the key,
        // so a forgery is an entry whose signature does not verify under its origin.
        var forgedBytes = F.entry(F.signer(2), seq: 2, previous: first.hash, .publish(F.record(2))).encoded
        forgedBytes.replaceSubrange(2..<34, with: F.id(1).bytes)
        #expect(throws: EntryRefusal.badSignature) { _ = try log.append(encoded: forgedBytes) }

        // One bit of the body changed (amount), one of the signature.
        let next = F.entry(F.signer(1), seq: 2, previous: first.hash, .publish(F.record(3)))
        #expect(throws: EntryRefusal.badSignature) { _ = try log.append(encoded: F.altered(next, at: LogEntry.headerBytes + 22)) }
        #expect(throws: EntryRefusal.badSignature) { _ = try log.append(encoded: F.altered(next, at: -1)) }

        #expect(throws: EntryRefusal.replay) { try log.append(first) }
        let third = F.entry(F.signer(1), seq: 3, previous: next.hash, .withdraw(F.record(3).id))
        #expect(throws: EntryRefusal.gap) { try log.append(third) }

        var oversized = next.encoded
        oversized += [UInt8](repeating: 0, count: log.limits.maxEntryBytes)
        #expect(throws: EntryRefusal.tooLarge) { _ = try log.append(encoded: oversized) }
        #expect(throws: EntryRefusal.self) { _ = try log.append(encoded: Array(next.encoded.dropLast())) }

        #expect(log.vector == before.0 && log.entryCount == before.1 && log.records == before.2)
        #expect(log.equivocations.isEmpty)
        try log.append(next)
        try log.append(third)
        #expect(log.vector[F.id(1)] == 3)
    }

    @Test func membershipAndKindsAreEnforced() throws {
        var log = F.log(members: 2)
        let stranger = F.entry(F.signer(9), seq: 1, previous: .zero, .publish(F.record(1)))
        #expect(throws: EntryRefusal.unknownOrigin) { try log.append(stranger) }
        let memberAdmits = F.entry(F.signer(1), seq: 1, previous: .zero, F.admission(9))
        #expect(throws: EntryRefusal.wrongKind) { try log.append(memberAdmits) }
        let opSeq = log.vector[F.operatorID]
        let operatorPublishes = F.entry(F.operatorKey, seq: opSeq + 1, previous: log.headHash(of: F.operatorID), .publish(F.record(1)))
        #expect(throws: EntryRefusal.wrongKind) { try log.append(operatorPublishes) }
        #expect(throws: EntryRefusal.invalidBody("")) { _ = try log.append(signing: .status(F.record(5).id, .paid), with: F.signer(1)) }
        _ = try log.append(signing: .publish(F.record(5)), with: F.signer(1))
        _ = try log.append(signing: .withdraw(F.record(5).id), with: F.signer(1))
        #expect(throws: EntryRefusal.invalidBody("")) { _ = try log.append(signing: .status(F.record(5).id, .paid), with: F.signer(1)) }
        #expect(log.records.values.first?.status == .withdrawn)
        #expect(log.liveRecords(on: LocalDate(year: 2027, month: 1, day: 1)!).isEmpty)
    }

    @Test func revocationCutsAtTheStatedSeq() throws {
        var log = F.log(members: 2)
        let e1 = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        let e2 = F.entry(F.signer(1), seq: 2, previous: e1.hash, .publish(F.record(2)))
        _ = try log.append(signing: .revoke(Revocation(member: F.id(1), reason: .keyCompromise, lastValidSeq: 1)), with: F.operatorKey)
        #expect(throws: EntryRefusal.revokedOrigin) { try log.append(e2) }
        // Another node that learnt the revocation after seq 1 agrees: seq 1 stays, 2 is refused.
        var other = F.log(members: 2)
        try other.append(e1)
        #expect(other.vector[F.id(1)] == 1)
    }

    @Test func twoEntriesWithOneSeqAreProofOfEquivocation() throws {
        var log = F.log()
        let a = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        let b = F.entry(F.signer(1), seq: 1, previous: .zero, .publish(F.record(2)))
        #expect(throws: EntryRefusal.equivocation) { try log.append(b) }
        let proof = try #require(log.equivocations[F.id(1)])
        #expect(proof.held == a && proof.conflicting == b)
        let later = F.entry(F.signer(1), seq: 2, previous: a.hash, .publish(F.record(3)))
        #expect(throws: EntryRefusal.equivocatingOrigin) { try log.append(later) }
        #expect(log.vector[F.id(1)] == 1)

        // A fork (seq 2 naming another seq 1) is proof too; another node accepts it as a proof.
        var other = F.log()
        try other.append(a)
        let fork = F.entry(F.signer(1), seq: 2, previous: b.hash, .publish(F.record(4)))
        #expect(throws: EntryRefusal.equivocation) { try other.append(fork) }
        var third = F.log()
        let accepted = third.accept(proof)
        #expect(accepted)
        #expect(throws: EntryRefusal.equivocatingOrigin) { try third.append(a) }
        // A forged "proof" (one entry not signed by the origin) does not verify.
        #expect(EquivocationProof(held: a, conflicting: try LogEntry(decoding: F.altered(b, at: -3))) == nil)
    }

    @Test func epochKeysOpenOnlyForTheirMember() throws {
        var log = F.log(members: 3)
        let key = EpochKey(epoch: 7, keyBytes: Array(1...32))!
        let sealed = try SealedEpochKey.seal(key, operator: F.operatorID, to: [1, 2].map { (member: F.id($0), sealingKey: Array(F.sealing($0).publicKey.rawRepresentation)) })
        let entry = try log.append(signing: .epochKey(sealed), with: F.operatorKey)
        guard case .epochKey(let got) = try entry.decodedBody() else { Issue.record("kind"); return }
        #expect(got.open(for: F.id(2), sealingKey: F.sealing(2), operator: F.operatorID)?.keyBytes == key.keyBytes)
        #expect(got.open(for: F.id(3), sealingKey: F.sealing(3), operator: F.operatorID) == nil)
        #expect(got.open(for: F.id(1), sealingKey: F.sealing(2), operator: F.operatorID) == nil)
        #expect(got.open(for: F.id(1), sealingKey: F.sealing(1), operator: F.id(9)) == nil)
        #expect(!entry.encoded.contains(subsequence: key.keyBytes))
        let toStranger = try SealedEpochKey.seal(key, operator: F.operatorID, to: [(member: F.id(9), sealingKey: Array(F.sealing(9).publicKey.rawRepresentation))])
        #expect(throws: EntryRefusal.invalidBody("")) { _ = try log.append(signing: .epochKey(toStranger), with: F.operatorKey) }
    }

    @Test func makeRefusesBodiesAReceiverWouldRefuse() {
        var r = F.record(1, tokens: 0)
        #expect(throws: WireError.self) { _ = try LogEntry.make(signer: F.signer(1), seq: 1, previous: .zero, body: .publish(r)) }
        r = F.record(1, tokens: 33)
        #expect(throws: WireError.self) { _ = try LogEntry.make(signer: F.signer(1), seq: 1, previous: .zero, body: .publish(r)) }
        r = F.record(1)
        r.amountYen = -1
        #expect(throws: WireError.self) { _ = try LogEntry.make(signer: F.signer(1), seq: 1, previous: .zero, body: .publish(r)) }
        #expect(throws: WireError.self) { _ = try LogEntry.make(signer: F.signer(1), seq: 1, previous: .zero, body: .status(r.id, .withdrawn)) }
    }

    @Test func versionVectorEncodingIsCanonical() throws {
        var v = VersionVector()
        v[F.id(1)] = 300
        v[F.id(2)] = 1
        v[F.id(3)] = 0
        let bytes = v.encoded()
        #expect(bytes.count == 1 + 2 * 32 + 2 + 1)
        #expect(try VersionVector.decode(bytes) == v)
        let s = v.sorted
        var w = WireWriter()
        w.varint(2)
        w.raw(s[1].origin.bytes); w.varint(s[1].seq)
        w.raw(s[0].origin.bytes); w.varint(s[0].seq)
        #expect(throws: WireError.self) { _ = try VersionVector.decode(w.bytes) }
        #expect(throws: WireError.self) { _ = try VersionVector.decode(bytes + [0]) }
        var r = WireReader([0x80, 0x00])
        #expect(throws: WireError.self) { _ = try r.varint() }
        var other = v
        other[F.id(2)] = 2
        #expect(v.rootDigest != other.rootDigest)
        #expect(v.dominates(VersionVector()) && !v.dominates(other) && other.dominates(v))
        #expect(other.missing(in: v).map(\.from) == [2])
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence s: [UInt8]) -> Bool {
        guard s.count <= count else { return false }
        return (0...(count - s.count)).contains { Array(self[$0..<$0 + s.count]) == s }
    }
}
