import MibaraiCore
import Testing

/// Protocol version 2: the `hinted_summary` and the `delta` sent at once when the responder can
/// tell the initiator's vector (`Protocol/federation.md`, "Exchange", "Version 2").
@Suite("Gossip version 2")
struct GossipVersionTwoTests {
    typealias F = FederationFixture
    typealias M = GossipStateMachineTests

    static func sends(_ actions: [GossipAction]) -> [GossipMessage] { M.sends(actions) }
    static func frame(_ m: GossipMessage) -> [UInt8] { M.frame(m) }
    static func hello(_ versions: ClosedRange<UInt8>) -> GossipMessage { M.hello(versions) }

    /// A machine that dialled F.id(2) and heard its hello: returns the opening message.
    static func opened(_ m: inout GossipStateMachine, peerVersions: ClosedRange<UInt8>, source: FederationLog) -> GossipMessage? {
        var rng = SimulationRandom(seed: 1)
        _ = m.tick(now: .zero, source: source, random: &rng)
        _ = m.connected(F.id(2), outbound: true, now: .zero)
        return sends(m.received(frame: frame(hello(peerVersions)), from: F.id(2), now: .zero, source: source)).first
    }

    // MARK: Recognising the peer's vector

    /// What `mine` makes of a peer holding `theirs` that names `recent` heads.
    static func recognised(by mine: FederationLog, _ theirs: FederationLog, recent: [NumberedHead], entries: UInt64? = nil) -> [NodeID: UInt64]? {
        mine.peerVector(root: theirs.rootDigest, entries: entries ?? theirs.vector.totalEntries, recent: recent)
    }

    @Test func aPeerOneOfMyStepsBehindIsRecognisedFromMyOwnSteps() throws {
        var behind = F.log()
        _ = try behind.append(signing: .publish(F.record(1)), with: F.signer(1))
        var ahead = behind
        _ = try ahead.append(signing: .publish(F.record(2)), with: F.signer(2))
        _ = try ahead.append(signing: .publish(F.record(3)), with: F.signer(3))
        // The peer names nothing this node lacks: only this node's own last two steps explain it
        // (one step back would have given [F.id(3): 0] alone).
        #expect(Self.recognised(by: ahead, behind, recent: []) == [F.id(2): 0, F.id(3): 0])
        // A wrong total finds nothing.
        #expect(Self.recognised(by: ahead, behind, recent: [], entries: behind.vector.totalEntries + 1) == nil)
    }

    @Test func aPeerAheadIsRecognisedFromTheHeadsItNames() throws {
        var mine = F.log()
        var theirs = mine
        _ = try theirs.append(signing: .publish(F.record(1)), with: F.signer(1))
        _ = try theirs.append(signing: .publish(F.record(4)), with: F.signer(1))
        let number = try #require(theirs.memberNumber(of: F.id(1)))
        let recent = [NumberedHead(member: number, seq: 2)]
        #expect(Self.recognised(by: mine, theirs, recent: recent) == [F.id(1): 2])
        // Both at once: each is ahead on one origin.
        _ = try mine.append(signing: .publish(F.record(5)), with: F.signer(3))
        #expect(Self.recognised(by: mine, theirs, recent: recent) == [F.id(1): 2, F.id(3): 0])
    }

    @Test func vectorsThatDifferElsewhereAreNotGuessed() throws {
        var mine = F.log()
        var theirs = mine
        _ = try theirs.append(signing: .publish(F.record(1)), with: F.signer(1))
        _ = try theirs.append(signing: .publish(F.record(2)), with: F.signer(2))
        let n1 = try #require(theirs.memberNumber(of: F.id(1)))
        // They name one of the two origins they are ahead on: no candidate has their root.
        #expect(Self.recognised(by: mine, theirs, recent: [NumberedHead(member: n1, seq: 1)]) == nil)
        // Equal vectors: nothing to find (the roots match; the answer is in_sync).
        #expect(Self.recognised(by: mine, mine, recent: []) == nil)
        // A number this node cannot resolve is skipped.
        _ = try mine.append(signing: .publish(F.record(3)), with: F.signer(3))
        #expect(Self.recognised(by: mine, theirs, recent: [NumberedHead(member: 999, seq: 1)]) == nil)
    }

    @Test func stepsOfOneOriginInARowAreOneStepAndOnlyTheLastFewAreKept() throws {
        var log = F.log(members: 3)
        for n in 1...5 { _ = try log.append(signing: .publish(F.record(UInt8(n))), with: F.signer(1)) }
        #expect(log.recentAdvances.last == VectorAdvance(origin: F.id(1), from: 0, to: 5))
        for n in 0..<(FederationLog.recentAdvanceLimit + 2) {
            _ = try log.append(signing: .publish(F.record(UInt8(10 + n))), with: F.signer(UInt8(2 + n % 2)))
        }
        #expect(log.recentAdvances.count == FederationLog.recentAdvanceLimit)
        #expect(log.recentAdvances.allSatisfy { $0.to == $0.from + 1 })
        #expect(log.totalEntries == log.vector.totalEntries)
    }

    // MARK: The exchange

    @Test func versionTwoOpensWithTheHeadsLastChanged() throws {
        var log = F.log(members: 3)
        _ = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        var m = GossipStateMachine(me: F.id(1), seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        guard case .hintedSummary(let root, let total, let recent)? = Self.opened(&m, peerVersions: 1...2, source: log) else {
            Issue.record("no hinted summary"); return
        }
        #expect(root == log.rootDigest && total == log.vector.totalEntries)
        // The shop's head and the operator's (the admissions came before).
        #expect(recent == [NumberedHead(member: 0, seq: 3), NumberedHead(member: try #require(log.memberNumber(of: F.id(1))), seq: 1)])

        // Heads it came to more than two intervals ago are not named.
        var rng = SimulationRandom(seed: 3)
        for t in 1...3 { _ = m.received(frame: Self.frame(.inSync), from: F.id(2), now: .seconds(10 * t), source: log)
            let next = Self.sends(m.tick(now: .seconds(10 * t), source: log, random: &rng))
            guard case .hintedSummary(_, _, let named)? = next.last else { Issue.record("no summary at \(t): \(next)"); return }
            #expect(named.count == (t <= 2 ? 2 : 0), "round \(t)")
        }

        // A node that speaks version 1 only gets the plain summary.
        var old = GossipStateMachine(me: F.id(1), seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        guard case .summary? = Self.opened(&old, peerVersions: 1...1, source: log) else { Issue.record("no summary"); return }
    }

    @Test func aHintedSummaryOnAVersionOneConnectionIsUnexpected() {
        let log = F.log()
        var m = GossipStateMachine(me: F.id(1))
        _ = m.connected(F.id(2), outbound: false, now: .zero)
        _ = m.received(frame: Self.frame(Self.hello(1...1)), from: F.id(2), now: .zero, source: log)
        let out = m.received(frame: Self.frame(.hintedSummary(root: log.rootDigest, entries: 1, recent: [])), from: F.id(2),
                             now: .zero, source: log)
        #expect(Self.sends(out) == [.error(.unexpectedMessage, detail: 0)])
    }

    @Test func theResponderSendsTheDeltaAtOnceAndTheInitiatorFinishesTheExchange() throws {
        var a = F.log()
        var b = a
        let e = try b.append(signing: .publish(F.record(7)), with: F.signer(3))
        var ma = GossipStateMachine(me: F.id(1), seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        var mb = GossipStateMachine(me: F.id(2))
        guard let open = Self.opened(&ma, peerVersions: 1...2, source: a) else { Issue.record("nothing opened"); return }
        _ = mb.connected(F.id(1), outbound: false, now: .zero)
        _ = mb.received(frame: Self.frame(Self.hello(1...2)), from: F.id(1), now: .zero, source: b)
        let answer = Self.sends(mb.received(frame: Self.frame(open), from: F.id(1), now: .zero, source: b))
        guard case .delta(let mask, let behind, let entries)? = answer.first else { Issue.record("no delta: \(answer)"); return }
        #expect(mask == 1 << UInt64(F.id(3).bucket))
        #expect(behind.isEmpty)
        #expect(entries == [e])
        let done = ma.received(frame: Self.frame(answer[0]), from: F.id(2), now: .zero, source: a)
        #expect(done == [.store([e], from: F.id(2))])
        _ = a.append(contentsOf: entries)
        #expect(a.rootDigest == b.rootDigest)
        // The exchange is over: the next round may open another.
        var rng = SimulationRandom(seed: 2)
        let next = ma.tick(now: .seconds(11), source: a, random: &rng)
        #expect(Self.sends(next).contains { if case .hintedSummary = $0 { true } else { false } })
    }

    /// A machine that accepted F.id(1)'s connection and heard its hello (version 2, at most
    /// `maxEntries` entries a message).
    static func answering(_ source: FederationLog, maxEntries: UInt16 = 100) -> GossipStateMachine {
        var m = GossipStateMachine(me: F.id(2))
        _ = m.connected(F.id(1), outbound: false, now: .zero)
        let hello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 2, maxMessageBytes: 65_536,
                                              maxEntriesPerMessage: maxEntries, listenAddress: "a:1"))
        _ = m.received(frame: Self.frame(hello), from: F.id(1), now: .zero, source: source)
        return m
    }

    @Test func aDirectDeltaIsChargedNoByteBudgetButTheSameDeltaUnaskedIs() throws {
        let a = F.log()
        var b = a
        let e = try b.append(signing: .publish(F.record(7)), with: F.signer(3))
        #expect(e.encoded.count > 200)
        let tight = GossipConfiguration(bytesPerSecond: 1, byteBurst: 200, maxStrikes: 10)
        var ma = GossipStateMachine(me: F.id(1), configuration: tight, seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        guard let open = Self.opened(&ma, peerVersions: 1...2, source: a) else { Issue.record("nothing opened"); return }
        var mb = Self.answering(b)
        let answer = Self.sends(mb.received(frame: Self.frame(open), from: F.id(1), now: .zero, source: b))
        guard case .delta? = answer.first else { Issue.record("no delta: \(answer)"); return }
        let frame = Self.frame(answer[0])
        #expect(frame.count > 200)
        let asked = ma.received(frame: frame, from: F.id(2), now: .zero, source: a)
        #expect(asked == [.store([e], from: F.id(2))])
        // The exchange is over: the same bytes again were not asked for, and the budget is 200 B.
        let unasked = ma.received(frame: frame, from: F.id(2), now: .zero, source: a)
        #expect(Self.sends(unasked) == [.error(.rateLimited, detail: 0)])
    }

    /// Five entries: two full deltas and the last entry. Four: two full deltas, and the next
    /// exchange is answered `in_sync` (the end of a pull that ended on an exactly full delta).
    @Test(arguments: [5, 4])
    func aFullDirectDeltaIsPulledAgainUntilNothingIsMissing(count: Int) throws {
        var a = F.log()
        var b = a
        var made: [LogEntry] = []
        for n in 1...count { made.append(try b.append(signing: .publish(F.record(UInt8(20 + n))), with: F.signer(3))) }
        let two = GossipConfiguration(limits: FederationLimits(maxEntriesPerMessage: 2))
        var ma = GossipStateMachine(me: F.id(1), configuration: two, seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        guard var message = Self.opened(&ma, peerVersions: 1...2, source: a) else { Issue.record("nothing opened"); return }
        var mb = Self.answering(b, maxEntries: 2)
        var received: [LogEntry] = []
        var last: [GossipAction] = []
        var exchanges = 0
        var codes: [GossipMessage.Code] = []
        while exchanges < 10 {
            exchanges += 1
            // B answers the opening directly: the five entries are one step of its own.
            let answer = Self.sends(mb.received(frame: Self.frame(message), from: F.id(1), now: .seconds(exchanges), source: b))
            guard let reply = answer.first else { Issue.record("no answer to \(message)"); return }
            codes.append(reply.code)
            var out = ma.received(frame: Self.frame(reply), from: F.id(2), now: .seconds(exchanges), source: a)
            if case .buckets = reply {
                // Not recognised: the version 1 steps follow (want, delta).
                guard let want = Self.sends(out).first else { Issue.record("no want"); return }
                let delta = Self.sends(mb.received(frame: Self.frame(want), from: F.id(1), now: .seconds(exchanges), source: b))
                out = ma.received(frame: Self.frame(delta[0]), from: F.id(2), now: .seconds(exchanges), source: a)
            }
            last = out
            let stored = out.flatMap { action -> [LogEntry] in if case .store(let es, _) = action { es } else { [] } }
            received += stored
            _ = a.append(contentsOf: stored)
            guard ma.pullsAgain(from: F.id(2)) else { break }
            #expect(!out.contains(.pullEnded(F.id(2))))
            #expect(ma.isPulling)
            // A full delta: the peer holds more, so this node has not caught up with it yet.
            #expect(!ma.caughtUp.contains(F.id(2)))
            #expect(stored.count == 2)
            let next = Self.sends(ma.resume(after: F.id(2), accepted: stored.count, now: .seconds(exchanges), source: a))
            guard let opening = next.first else { Issue.record("a full delta was not followed by another exchange"); return }
            message = opening
        }
        #expect(received == made)
        #expect(a.rootDigest == b.rootDigest)
        // Two full deltas, then the rest (or nothing); the first answer at least went straight to the delta.
        #expect(exchanges == 3)
        #expect(codes.first == .delta)
        #expect(codes.last == (count == 5 ? .delta : .inSync))
        #expect(!ma.pullsAgain(from: F.id(2)))
        // The last answer ends the pull, once.
        #expect(last.filter { $0 == .pullEnded(F.id(2)) }.count == 1)
        #expect(!ma.isPulling)
        #expect(ma.caughtUp == [F.id(2)])
    }

    @Test func aPullThatStopsWithoutTheLastAnswerHasNotEnded() throws {
        let a = F.log()
        var b = a
        for n in 1...2 { _ = try b.append(signing: .publish(F.record(UInt8(40 + n))), with: F.signer(3)) }
        let two = GossipConfiguration(limits: FederationLimits(maxEntriesPerMessage: 2))
        var ma = GossipStateMachine(me: F.id(1), configuration: two, seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        guard let open = Self.opened(&ma, peerVersions: 1...2, source: a) else { Issue.record("nothing opened"); return }
        var mb = Self.answering(b, maxEntries: 2)
        let full = Self.sends(mb.received(frame: Self.frame(open), from: F.id(1), now: .zero, source: b))
        guard case .delta(_, _, let entries)? = full.first, entries.count == 2 else { Issue.record("no full delta: \(full)"); return }
        let out = ma.received(frame: Self.frame(full[0]), from: F.id(2), now: .zero, source: a)
        #expect(!out.contains(.pullEnded(F.id(2))))
        #expect(ma.caughtUp.isEmpty)
        // Nothing of it went in (this node refused it all): no exchange follows at once, and the
        // pull has not ended.
        #expect(ma.resume(after: F.id(2), accepted: 0, now: .zero, source: a).isEmpty)
        // The next round's exchange is answered with an error: not an end either.
        var rng = SimulationRandom(seed: 5)
        let opening = Self.sends(ma.tick(now: .seconds(11), source: a, random: &rng))
        #expect(opening.contains { if case .hintedSummary = $0 { true } else { false } })
        #expect(!ma.received(frame: Self.frame(.error(.rateLimited, detail: 0)), from: F.id(2), now: .seconds(11), source: a)
            .contains(.pullEnded(F.id(2))))
        // An unasked in_sync (no exchange open) is not an end; the one answering the next exchange is.
        #expect(!ma.received(frame: Self.frame(.inSync), from: F.id(2), now: .seconds(12), source: a).contains(.pullEnded(F.id(2))))
        #expect(ma.caughtUp.isEmpty)
        #expect(ma.inSyncAnswers == 0, "an unasked in_sync is no answer (mibarai sync waits for a real one)")
        _ = ma.tick(now: .seconds(22), source: a, random: &rng)
        #expect(ma.isPulling)
        #expect(ma.received(frame: Self.frame(.inSync), from: F.id(2), now: .seconds(22), source: a) == [.pullEnded(F.id(2))])
        #expect(!ma.isPulling)
        #expect(ma.caughtUp == [F.id(2)])
        #expect(ma.inSyncAnswers == 1)
        // A peer gone mid-pull leaves no pull behind.
        var mc = GossipStateMachine(me: F.id(1), configuration: two, seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        guard let again = Self.opened(&mc, peerVersions: 1...2, source: a) else { Issue.record("nothing opened"); return }
        var md = Self.answering(b, maxEntries: 2)
        let answer = Self.sends(md.received(frame: Self.frame(again), from: F.id(1), now: .zero, source: b))
        _ = mc.received(frame: Self.frame(answer[0]), from: F.id(2), now: .zero, source: a)
        #expect(mc.isPulling)
        mc.disconnected(F.id(2))
        #expect(!mc.isPulling)
    }

    @Test func aResponderBehindOnANamedHeadGetsItsEntriesBackInTheSameExchange() throws {
        var a = F.log()
        var b = a
        let mine = try a.append(signing: .publish(F.record(31)), with: F.signer(1))
        let theirs = try b.append(signing: .publish(F.record(32)), with: F.signer(3))
        var ma = GossipStateMachine(me: F.id(1), seeds: [PeerInfo(id: F.id(2), address: "b:1")])
        guard let open = Self.opened(&ma, peerVersions: 1...2, source: a) else { Issue.record("nothing opened"); return }
        // B recognises A's vector from its own last step undone and the head A names.
        var mb = Self.answering(b)
        let answer = Self.sends(mb.received(frame: Self.frame(open), from: F.id(1), now: .zero, source: b))
        guard case .delta(let mask, let behind, let entries)? = answer.first else { Issue.record("no delta: \(answer)"); return }
        #expect(mask == (1 << UInt64(F.id(1).bucket)) | (1 << UInt64(F.id(3).bucket)))
        #expect(behind == [NumberedHead(member: try #require(b.memberNumber(of: F.id(1))), seq: 0)])
        #expect(entries == [theirs])
        // A stores B's entry and sends back the one B is behind on.
        let out = ma.received(frame: Self.frame(answer[0]), from: F.id(2), now: .zero, source: a)
        #expect(out.contains(.store([theirs], from: F.id(2))))
        #expect(Self.sends(out) == [.entries([mine])])
        let back = mb.received(frame: Self.frame(.entries([mine])), from: F.id(1), now: .zero, source: b)
        #expect(back == [.store([mine], from: F.id(1))])
        _ = a.append(contentsOf: [theirs])
        _ = b.append(contentsOf: [mine])
        #expect(a.rootDigest == b.rootDigest)
    }

    @Test func aLoneRecordSpreadsWithoutTheBucketStep() throws {
        var sim = GossipSimulation(count: 40, seed: 11)
        sim.run(rounds: 6)
        var made: [LogEntry] = []
        for t in 0..<5 {
            let before = sim.stats
            let e = try sim.publish(at: t * 7, .publish(F.record(UInt8(50 + t))))
            made.append(e)
            #expect(sim.rounds(until: { $0.coverage(of: e) == 1 }, limit: 30) != nil)
            let buckets = (sim.stats.framesByCode[.buckets] ?? 0) - (before.framesByCode[.buckets] ?? 0)
            let deltas = (sim.stats.framesByCode[.delta] ?? 0) - (before.framesByCode[.delta] ?? 0)
            // Most exchanges about it go straight to the delta.
            #expect(deltas > 0)
            #expect(buckets * 4 < deltas, "buckets \(buckets), deltas \(deltas)")
        }
        #expect(sim.converged)
        #expect(sim.stats.duplicateEntries == 0)
    }

    @Test func versionTwoSendsFewerBytesThanVersionOneForTheSameRecords() throws {
        func bytes(_ versions: ClosedRange<UInt8>) throws -> (bytes: Int, rounds: Int) {
            var sim = GossipSimulation(count: 40, configuration: GossipConfiguration(versions: versions), seed: 13)
            sim.run(rounds: 6)
            let before = sim.stats.bytes
            var rounds = 0
            for t in 0..<6 {
                let e = try sim.publish(at: t * 5, .publish(F.record(UInt8(80 + t))))
                let took = sim.rounds(until: { $0.coverage(of: e) == 1 }, limit: 30)
                rounds += try #require(took)
            }
            return (sim.stats.bytes - before, rounds)
        }
        let one = try bytes(1...1)
        let two = try bytes(1...2)
        #expect(two.bytes < one.bytes, "version 2 \(two.bytes) B, version 1 \(one.bytes) B")
        #expect(two.rounds <= one.rounds + 2)
    }
}
