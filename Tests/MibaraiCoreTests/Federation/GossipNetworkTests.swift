import Crypto
import MibaraiCore
import Testing

/// Whole networks of state machines over `GossipSimulation`: deterministic, in memory.
@Suite("Gossip network")
struct GossipNetworkTests {
    typealias F = FederationFixture

    static func record(_ n: Int) -> LogBody { .publish(F.record(UInt8(truncatingIfNeeded: n), tokens: 5)) }

    @Test("records published at several nodes reach every node", arguments: [3, 5, 40])
    func convergence(n: Int) throws {
        var sim = GossipSimulation(count: n, seed: UInt64(n))
        var published: [LogEntry] = []
        for i in 0..<n where i % 2 == 0 { published.append(try sim.publish(at: i, Self.record(i))) }
        let rounds = sim.rounds(until: { $0.converged }, limit: 40)
        #expect(rounds != nil)
        for e in published { #expect(sim.coverage(of: e) == 1) }
        for node in sim.nodes { #expect(node.log.records.count == published.count) }
    }

    @Test func statusChangeAndWithdrawalReachEveryone() throws {
        var sim = GossipSimulation(count: 5, seed: 7)
        let id = F.record(1).id
        try sim.publish(at: 0, .publish(F.record(1)))
        try sim.publish(at: 3, .publish(F.record(2)))
        _ = sim.rounds(until: { $0.converged }, limit: 30)
        try sim.publish(at: 0, .status(id, .paid))
        try sim.publish(at: 3, .withdraw(F.record(2).id))
        #expect(sim.rounds(until: { $0.converged }, limit: 30) != nil)
        for node in sim.nodes {
            #expect(node.log.records[RecordKey(origin: sim.nodes[0].id, id: id)]?.status == .paid)
            #expect(node.log.records[RecordKey(origin: sim.nodes[3].id, id: F.record(2).id)]?.status == .withdrawn)
            #expect(node.log.liveRecords(on: LocalDate(year: 2027, month: 1, day: 1)!).count == 1)
        }
    }

    @Test func aStoppedNodeCatchesUpAfterRestart() throws {
        var sim = GossipSimulation(count: 5, seed: 11)
        sim.stop(4)
        var made: [LogEntry] = []
        for i in 0..<4 { made.append(try sim.publish(at: i, Self.record(i))) }
        sim.run(rounds: 10)
        #expect(sim.nodes[4].log.vector.totalEntries == sim.nodes[4].log.vector[sim.nodes[4].log.operatorID])
        sim.restart(4)
        #expect(sim.rounds(until: { $0.converged }, limit: 30) != nil)
        for e in made { #expect(sim.nodes[4].log.entry(origin: e.origin, seq: e.seq) == e) }
    }

    @Test func aPartitionHeals() throws {
        var sim = GossipSimulation(count: 5, seed: 13)
        sim.run(rounds: 2)
        sim.partition { $0 == 4 ? 1 : 0 }
        let inside = try sim.publish(at: 4, Self.record(40))
        let outside = try sim.publish(at: 1, Self.record(41))
        sim.run(rounds: 8)
        #expect(sim.coverage(of: inside) == 0.2)
        #expect(sim.nodes[4].log.vector[outside.origin] == 0)
        sim.heal()
        #expect(sim.rounds(until: { $0.converged }, limit: 30) != nil)
        #expect(sim.coverage(of: inside) == 1 && sim.coverage(of: outside) == 1)
    }

    @Test func badEntriesFromAPeerAreRefusedNothingStoredAndThePeerCut() throws {
        var sim = GossipSimulation(count: 4, seed: 17)
        let first = try sim.publish(at: 1, Self.record(1))
        _ = sim.rounds(until: { $0.converged }, limit: 30)
        let victim = 0
        let snapshot = sim.nodes[victim].log
        let signer1 = sim.nodes[1].signer
        let next = F.entry(signer1, seq: 2, previous: first.hash, Self.record(2))

        var forged = F.entry(sim.nodes[3].signer, seq: 2, previous: first.hash, Self.record(3)).encoded
        forged.replaceSubrange(2..<34, with: sim.nodes[1].id.bytes)
        let attempts: [[UInt8]] = [forged, F.altered(next, at: LogEntry.headerBytes + 30), F.altered(next, at: -10)]
        for bytes in attempts {
            var w = WireWriter()
            w.u8(GossipMessage.Code.entries.rawValue)
            w.varint(1)
            w.u32(UInt32(bytes.count))
            w.raw(bytes)
            sim.inject(frame: w.bytes, from: 2, to: victim)
            #expect(!sim.nodes[victim].machine.connectedPeers.contains(sim.nodes[2].id))
        }
        #expect(sim.stats.refused["bad_signature"] == 3)

        // A replay is refused but is no fault of the peer.
        sim.inject(.entries([first]), from: 2, to: victim)
        #expect(sim.stats.refused["replay"] == 1)
        #expect(sim.nodes[victim].machine.connectedPeers.contains(sim.nodes[2].id))

        // An oversized frame and an oversized entry.
        sim.inject(frame: [GossipMessage.Code.entries.rawValue] + [UInt8](repeating: 0, count: sim.configuration.limits.maxMessageBytes), from: 2, to: victim)
        #expect(!sim.nodes[victim].machine.connectedPeers.contains(sim.nodes[2].id))
        var big = WireWriter()
        big.u8(GossipMessage.Code.entries.rawValue)
        big.varint(1)
        big.u32(UInt32(sim.configuration.limits.maxEntryBytes + 1))
        big.raw([UInt8](repeating: 1, count: sim.configuration.limits.maxEntryBytes + 1))
        sim.inject(frame: big.bytes, from: 3, to: victim)
        #expect(!sim.nodes[victim].machine.connectedPeers.contains(sim.nodes[3].id))

        let after = sim.nodes[victim].log
        #expect(after.vector == snapshot.vector && after.entryCount == snapshot.entryCount && after.records == snapshot.records)
        // The genuine next entry still goes in.
        sim.inject(.entries([next]), from: 1, to: victim)
        #expect(sim.nodes[victim].log.vector[first.origin] == 2)
    }

    @Test func equivocationIsDetectedAndSpreads() throws {
        var sim = GossipSimulation(count: 5, seed: 19)
        let a = try sim.publish(at: 1, Self.record(1))
        _ = sim.rounds(until: { $0.converged }, limit: 30)
        let b = F.entry(sim.nodes[1].signer, seq: 1, previous: .zero, Self.record(2))
        sim.inject(.entries([b]), from: 2, to: 0)
        #expect(sim.nodes[0].log.equivocations[a.origin]?.conflicting == b)
        sim.run(rounds: 6)
        for node in sim.nodes { #expect(node.log.equivocations[a.origin] != nil) }
        let later = F.entry(sim.nodes[1].signer, seq: 2, previous: a.hash, Self.record(3))
        sim.inject(.entries([later]), from: 1, to: 3)
        #expect(sim.nodes[3].log.vector[a.origin] == 1)
    }

    @Test func operatorEntriesTravelLikeRecordsAndEpochKeysOpenAtTheirMember() throws {
        var sim = GossipSimulation(count: 5, seed: 23)
        let key = EpochKey(epoch: 2, keyBytes: Array(repeating: 9, count: 32))!
        let members = sim.nodes.map { node in
            (member: node.id, sealingKey: Array(try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: node.signer.rawRepresentation).publicKey.rawRepresentation))
        }
        let op = sim.nodes[0].log.operatorID
        try sim.operatorPublish(.epochKey(SealedEpochKey.seal(key, operator: op, to: members)), at: 2)
        try sim.operatorPublish(.revoke(Revocation(member: sim.nodes[4].id, reason: .leftFederation, lastValidSeq: 0)), at: 2)
        #expect(sim.rounds(until: { $0.converged }, limit: 30) != nil)
        for node in sim.nodes {
            let sealed = try #require(node.log.sealedEpochKeys.last)
            let mine = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: node.signer.rawRepresentation)
            #expect(sealed.open(for: node.id, sealingKey: mine, operator: op)?.keyBytes == key.keyBytes)
            #expect(node.log.revocations[sim.nodes[4].id] != nil)
        }
        #expect(throws: EntryRefusal.revokedOrigin) { try sim.publish(at: 4, Self.record(4)) }
        let e = F.entry(sim.nodes[4].signer, seq: 1, previous: .zero, Self.record(4))
        sim.inject(.entries([e]), from: 4, to: 0)
        #expect(sim.nodes[0].log.vector[sim.nodes[4].id] == 0)
        #expect(sim.stats.refused["revoked_origin"] == 1)
    }
}
