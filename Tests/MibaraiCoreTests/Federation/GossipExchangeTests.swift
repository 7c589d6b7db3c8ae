import MibaraiCore
import Testing

/// What one exchange sends: oldest first without gaps, within the caps, and the fallbacks.
@Suite("Gossip exchange")
struct GossipExchangeTests {
    typealias F = FederationFixture

    @Test func whatToSendIsOldestFirstWithoutGapsOperatorFirstAndCapped() throws {
        var log = F.log(members: 3)
        for n in 1...4 { _ = try log.append(signing: .publish(F.record(UInt8(n))), with: F.signer(1)) }
        for n in 5...6 { _ = try log.append(signing: .publish(F.record(UInt8(n))), with: F.signer(2)) }
        var peer = VersionVector()
        peer[F.id(1)] = 2
        let all = log.entries(missingFrom: peer, buckets: .max, limit: 100)
        #expect(all.first?.origin == F.operatorID)
        #expect(all.filter { $0.origin == F.operatorID }.map(\.seq) == [1, 2, 3])
        #expect(all.filter { $0.origin == F.id(1) }.map(\.seq) == [3, 4])
        #expect(all.filter { $0.origin == F.id(2) }.map(\.seq) == [1, 2])
        let capped = log.entries(missingFrom: peer, buckets: .max, limit: 4)
        #expect(capped.count == 4)
        // Whatever the cap, each origin's part starts right after the peer's head and has no gap.
        for origin in Set(capped.map(\.origin)) {
            let seqs = capped.filter { $0.origin == origin }.map(\.seq)
            #expect(seqs == Array((peer[origin] + 1)...(peer[origin] + UInt64(seqs.count))))
        }
        let onlyOne = log.entries(missingFrom: peer, buckets: 1 << UInt64(F.id(2).bucket), limit: 100)
        #expect(Set(onlyOne.map(\.origin)).contains(F.id(2)))
        #expect(log.entries(missingFrom: log.vector, buckets: .max, limit: 100).isEmpty)
    }

    @Test func aFarBehindNodeCatchesUpAcrossExchangesWithinTheEntryCap() throws {
        let config = GossipConfiguration(limits: FederationLimits(maxEntriesPerMessage: 5))
        var sim = GossipSimulation(count: 2, seedsPerNode: 1, configuration: config, seed: 5)
        sim.stop(1)
        var last: LogEntry?
        for n in 1...23 { last = try sim.publish(at: 0, .publish(F.record(UInt8(n)))) }
        sim.restart(1)
        let deltasBefore = sim.stats.framesByCode[.delta] ?? 0
        sim.round()
        // A full delta is followed at once by another exchange (`resume`): one round, at least
        // five deltas of at most five entries each.
        #expect(sim.nodes[1].log.vector[sim.nodes[0].id] == 23)
        #expect((sim.stats.framesByCode[.delta] ?? 0) - deltasBefore >= 5)
        #expect(sim.rounds(until: { $0.converged }, limit: 20) != nil)
        #expect(sim.nodes[1].log.entry(origin: sim.nodes[0].id, seq: 23) == last)
    }

    @Test func theNaiveModeConvergesToo() throws {
        var sim = GossipSimulation(count: 12, configuration: GossipConfiguration(useDigests: false), seed: 29)
        var made: [LogEntry] = []
        for i in stride(from: 0, to: 12, by: 3) { made.append(try sim.publish(at: i, .publish(F.record(UInt8(i))))) }
        #expect(sim.rounds(until: { $0.converged }, limit: 30) != nil)
        for e in made { #expect(sim.coverage(of: e) == 1) }
        #expect(sim.stats.framesByCode[.summary] == nil)
    }

    @Test func shortDigestCollisionFallsBackToEveryBucket() throws {
        let log = F.log()
        var m = GossipStateMachine(me: F.id(1), seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        var rng = SimulationRandom(seed: 1)
        _ = m.tick(now: .zero, source: log, random: &rng)
        _ = m.connected(F.id(2), outbound: true, now: .zero)
        let hello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 1, maxMessageBytes: 1 << 20, maxEntriesPerMessage: 64, listenAddress: ""))
        let opened = m.received(frame: Array(hello.framed().dropFirst(4)), from: F.id(2), now: .zero, source: log)
        guard case .send(.summary, _)? = opened.first else { Issue.record("no summary: \(opened)"); return }
        // The peer says the roots differ but sends this node's own short digests.
        let same = GossipMessage.buckets(log.bucketDigests.map { UInt16(truncatingIfNeeded: $0 >> 48) })
        let out = m.received(frame: Array(same.framed().dropFirst(4)), from: F.id(2), now: .zero, source: log)
        guard case .send(.want(let mask, let heads), _)? = out.first else { Issue.record("no want: \(out)"); return }
        #expect(mask == .max)
        #expect(heads.map(\.member) == [0])
    }

    @Test func peersAreLearntBeyondTheSeeds() {
        var sim = GossipSimulation(count: 30, seedsPerNode: 1, seed: 31)
        sim.run(rounds: 6)
        let known = sim.nodes.map { $0.machine.knownPeers.count }
        #expect(known.min()! > 2)
        #expect(known.reduce(0, +) / known.count >= 10)
    }
}
