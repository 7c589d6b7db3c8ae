import MibaraiCore
import Testing

@Suite("Gossip state machine")
struct GossipStateMachineTests {
    typealias F = FederationFixture

    static func sends(_ actions: [GossipAction]) -> [GossipMessage] {
        actions.compactMap { if case .send(let m, _) = $0 { m } else { nil } }
    }

    static func frame(_ m: GossipMessage) -> [UInt8] { Array(m.framed().dropFirst(4)) }

    static func hello(_ versions: ClosedRange<UInt8>) -> GossipMessage {
        .hello(.init(minVersion: versions.lowerBound, maxVersion: versions.upperBound, maxMessageBytes: 65_536,
                     maxEntriesPerMessage: 100, listenAddress: "peer:7443"))
    }

    @Test func versionsAreNegotiatedToTheHighestInCommon() {
        let log = F.log()
        var m = GossipStateMachine(me: F.id(1), configuration: GossipConfiguration(versions: 1...3))
        let out = m.connected(F.id(2), outbound: false, now: .zero)
        guard case .hello(let h) = Self.sends(out).first else { Issue.record("no hello"); return }
        #expect(h.minVersion == 1 && h.maxVersion == 3)
        _ = m.received(frame: Self.frame(Self.hello(2...5)), from: F.id(2), now: .zero, source: log)
        #expect(m.negotiatedVersion(with: F.id(2)) == 3)
        _ = m.connected(F.id(4), outbound: false, now: .zero)
        _ = m.received(frame: Self.frame(Self.hello(1...2)), from: F.id(4), now: .zero, source: log)
        #expect(m.negotiatedVersion(with: F.id(4)) == 2)
        #expect(m.knownPeers.contains(PeerInfo(id: F.id(2), address: "peer:7443")))

        var n = GossipStateMachine(me: F.id(1))
        _ = n.connected(F.id(3), outbound: true, now: .zero)
        #expect(GossipConfiguration().versions == 1...5, "this build speaks versions 1 to 5")
        let refused = n.received(frame: Self.frame(Self.hello(6...7)), from: F.id(3), now: .zero, source: log)
        #expect(Self.sends(refused) == [.error(.unsupportedVersion, detail: 5)])
        #expect(refused.contains(.disconnect(F.id(3), reason: .unsupportedVersion)))
        #expect(n.connectedPeers.isEmpty)
    }

    @Test func aConnectionTheTransportGreetedGetsNoSecondHelloAndStillOpensItsExchange() {
        let log = F.log()
        var config = GossipConfiguration(versions: 1...2)
        config.listenAddress = "shop-1:7443"
        var m = GossipStateMachine(me: F.id(1), configuration: config)
        #expect(Self.sends(m.connected(F.id(2), outbound: false, now: .zero)) == [m.greeting])
        guard case .hello(let h) = m.greeting else { Issue.record("the greeting is not a hello"); return }
        #expect(h.minVersion == 1 && h.maxVersion == 2 && h.listenAddress == "shop-1:7443")

        // The transport sent the greeting: nothing more is sent now, and once the peer's hello
        // is in, the dialler opens its exchange as usual.
        #expect(Self.sends(m.connected(F.id(3), outbound: true, now: .zero, greeted: true)).isEmpty)
        let opened = Self.sends(m.received(frame: Self.frame(Self.hello(1...2)), from: F.id(3), now: .zero, source: log))
        #expect(!opened.isEmpty)
        #expect(!opened.contains { if case .hello = $0 { true } else { false } })
        #expect(m.negotiatedVersion(with: F.id(3)) == 2)
    }

    @Test func aPeerSilentAfterTheHandshakeIsClosedAtTheHelloTimeout() {
        let log = F.log()
        var random = SystemRandomNumberGenerator()
        var m = GossipStateMachine(me: F.id(1), configuration: GossipConfiguration(helloTimeout: .seconds(10)))
        _ = m.connected(F.id(2), outbound: false, now: .zero)
        _ = m.connected(F.id(3), outbound: false, now: .zero)
        _ = m.received(frame: Self.frame(Self.hello(1...2)), from: F.id(3), now: .seconds(9), source: log)
        // Within the timeout nothing closes.
        #expect(!m.tick(now: .seconds(10), source: log, random: &random).contains(.disconnect(F.id(2), reason: .unexpectedMessage)))
        #expect(m.connectedPeers == [F.id(2), F.id(3)])
        // After it, the silent one closes (without a message), the greeted one stays.
        let out = m.tick(now: .milliseconds(10_001), source: log, random: &random)
        #expect(out.contains(.disconnect(F.id(2), reason: .unexpectedMessage)))
        #expect(!out.contains { if case .send(_, to: F.id(2)) = $0 { true } else { false } })
        #expect(m.connectedPeers == [F.id(3)])
    }

    @Test func nothingButHelloBeforeHello() {
        var m = GossipStateMachine(me: F.id(1), configuration: GossipConfiguration(maxStrikes: 1))
        _ = m.connected(F.id(2), outbound: false, now: .zero)
        let out = m.received(frame: Self.frame(.getPeers), from: F.id(2), now: .zero, source: F.log())
        #expect(Self.sends(out).first == .error(.closing, detail: GossipErrorCode.unexpectedMessage.rawValue))
        #expect(out.contains(.disconnect(F.id(2), reason: .unexpectedMessage)))
    }

    @Test func malformedAndOversizedFramesCloseTheConnection() {
        let log = F.log()
        var m = GossipStateMachine(me: F.id(1), configuration: GossipConfiguration(limits: FederationLimits(maxMessageBytes: 1_000)))
        _ = m.connected(F.id(2), outbound: false, now: .zero)
        _ = m.received(frame: Self.frame(Self.hello(1...1)), from: F.id(2), now: .zero, source: log)
        let big = m.received(frame: [GossipMessage.Code.entries.rawValue] + [UInt8](repeating: 0, count: 1_000), from: F.id(2), now: .zero, source: log)
        #expect(big.contains(.disconnect(F.id(2), reason: .tooLarge)))
        _ = m.connected(F.id(3), outbound: false, now: .zero)
        _ = m.received(frame: Self.frame(Self.hello(1...1)), from: F.id(3), now: .zero, source: log)
        let junk = m.received(frame: [GossipMessage.Code.summary.rawValue, 1, 2], from: F.id(3), now: .zero, source: log)
        #expect(junk.contains(.disconnect(F.id(3), reason: .malformed)))
        let unknown = m.received(frame: [250], from: F.id(4), now: .zero, source: log)
        #expect(unknown.isEmpty) // not connected: ignored
    }

    @Test func perPeerRateLimitRefillsWithInjectedTime() {
        let log = F.log()
        let config = GossipConfiguration(messagesPerSecond: 1, messageBurst: 3, maxStrikes: 10)
        var m = GossipStateMachine(me: F.id(1), configuration: config)
        _ = m.connected(F.id(2), outbound: false, now: .zero)
        _ = m.received(frame: Self.frame(Self.hello(1...1)), from: F.id(2), now: .zero, source: log)
        var answers: [GossipMessage] = []
        for _ in 0..<4 { answers += Self.sends(m.received(frame: Self.frame(.getPeers), from: F.id(2), now: .zero, source: log)) }
        #expect(answers.filter { if case .peers = $0 { true } else { false } }.count == 2)
        #expect(answers.filter { $0 == .error(.rateLimited, detail: 0) }.count == 2)
        let later = Self.sends(m.received(frame: Self.frame(.getPeers), from: F.id(2), now: .seconds(2), source: log))
        #expect(later.count == 1 && later.first != .error(.rateLimited, detail: 0))
    }

    @Test func aDeltaThisNodeAskedForIsNotChargedToTheByteBudgetButUnaskedEntriesAre() {
        let log = F.log()
        let config = GossipConfiguration(useDigests: false, bytesPerSecond: 1, byteBurst: 200, maxStrikes: 10)
        var m = GossipStateMachine(me: F.id(1), configuration: config)
        _ = m.connected(F.id(2), outbound: true, now: .zero)
        let opened = Self.sends(m.received(frame: Self.frame(Self.hello(1...1)), from: F.id(2), now: .zero, source: log))
        guard case .want = opened.first else { Issue.record("no want: \(opened)"); return }
        let e = F.entry(F.signer(2), seq: 1, previous: .zero, .publish(F.record(1)))
        #expect(e.encoded.count > 200)
        let answered = m.received(frame: Self.frame(.delta(buckets: .max, behind: [], entries: [e])), from: F.id(2), now: .zero, source: log)
        #expect(answered.contains(.store([e], from: F.id(2))))
        #expect(!Self.sends(answered).contains(.error(.rateLimited, detail: 0)))
        let pushed = m.received(frame: Self.frame(.entries([e])), from: F.id(2), now: .zero, source: log)
        #expect(Self.sends(pushed) == [.error(.rateLimited, detail: 0)])
    }

    @Test func peerExchangeNeverRedirectsAnAddressLearntFirstHand() {
        let log = F.log()
        var m = GossipStateMachine(me: F.id(1), seeds: [PeerInfo(id: F.id(3), address: "hub.example:7444")])
        _ = m.connected(F.id(2), outbound: false, now: .zero)
        _ = m.received(frame: Self.frame(Self.hello(1...1)), from: F.id(2), now: .zero, source: log)
        let lie = GossipMessage.peers([PeerInfo(id: F.id(3), address: "evil.example:1"), PeerInfo(id: F.id(4), address: "new.example:7444")])
        _ = m.received(frame: Self.frame(lie), from: F.id(2), now: .zero, source: log)
        #expect(m.knownPeers.contains(PeerInfo(id: F.id(3), address: "hub.example:7444")))
        #expect(!m.knownPeers.contains(PeerInfo(id: F.id(3), address: "evil.example:1")))
        #expect(m.knownPeers.contains(PeerInfo(id: F.id(4), address: "new.example:7444")))
    }

    @Test(arguments: [1, 2] as [UInt8])
    func anInSyncExchangeIsTwoSmallMessages(version: UInt8) throws {
        var sim = GossipSimulation(count: 2, seedsPerNode: 1, configuration: GossipConfiguration(versions: 1...version), seed: 3)
        try sim.publish(at: 0, .publish(F.record(1)))
        _ = sim.rounds(until: { $0.converged }, limit: 10)
        sim.run(rounds: 3) // connections are open, and the last heads reached are older than two intervals
        let before = sim.stats
        sim.run(rounds: 1)
        func delta(_ c: GossipMessage.Code) -> (frames: Int, bytes: Int) {
            (sim.stats.framesByCode[c, default: 0] - before.framesByCode[c, default: 0],
             sim.stats.bytesByCode[c, default: 0] - before.bytesByCode[c, default: 0])
        }
        // Each node opens one exchange: summary, answered in_sync; nothing else of the exchange flows.
        let open: GossipMessage.Code = version == 1 ? .summary : .hintedSummary
        #expect(delta(open).frames == 2 && delta(.inSync).frames == 2)
        #expect(delta(.buckets).frames == 0 && delta(.want).frames == 0 && delta(.delta).frames == 0 && delta(.entries).frames == 0)
        #expect(delta(.inSync).bytes == 2 * 5)
        let exchange = (delta(open).bytes + delta(.inSync).bytes) / 2
        #expect(exchange <= 1_024)
        let plain = 4 + 1 + 16 + 1 + 5
        if version == 1 {
            #expect(exchange == plain)
        } else {
            // In sync for rounds, it names no heads: only their count (0) is added.
            #expect(exchange == plain + 1)
            #expect(sim.stats.summaryHintBytes - before.summaryHintBytes == 2 * 1)
        }
    }

    @Test func messagesRoundTripThroughTheirEncoding() throws {
        var log = F.log()
        let e = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        let b = F.entry(F.signer(1), seq: 1, previous: .zero, .publish(F.record(2)))
        let heads = [NumberedHead(member: 0, seq: 3), NumberedHead(member: 2, seq: 1), NumberedHead(member: 300, seq: 1 << 40)]
        let behind = [NumberedHead(member: 1, seq: 0), NumberedHead(member: 2, seq: 5)]
        let mask: UInt64 = 1 << UInt64(F.id(1).bucket)
        let messages: [GossipMessage] = [
            Self.hello(1...2), .summary(root: log.rootDigest, entries: 4), .inSync, .buckets(log.bucketDigests.map { UInt16(truncatingIfNeeded: $0) }),
            .want(buckets: mask, heads: heads), .delta(buckets: mask, behind: behind, entries: [e]), .entries([e, b]),
            .getPeers, .peers([PeerInfo(id: F.id(2), address: "127.0.0.1:7443")]),
            .equivocation(try #require(EquivocationProof(held: e, conflicting: b))), .error(.refusedEntries, detail: 6),
            .hintedSummary(root: log.rootDigest, entries: 4, recent: heads), .hintedSummary(root: log.rootDigest, entries: 0, recent: []),
        ]
        for m in messages {
            #expect(try GossipMessage.decode(body: Self.frame(m)) == m)
        }
        #expect(Set(messages.map(\.code)) == Set(GossipMessage.Code.allCases))
        // Heads out of order, a want with seq 0, and trailing bytes are malformed.
        #expect(throws: WireError.self) { _ = try GossipMessage.decode(body: Self.frame(.want(buckets: mask, heads: heads.reversed()))) }
        #expect(throws: WireError.self) { _ = try GossipMessage.decode(body: Self.frame(.want(buckets: mask, heads: behind))) }
        #expect(throws: WireError.self) { _ = try GossipMessage.decode(body: Self.frame(.inSync) + [0]) }
        // A hinted summary names at most 16 heads, none with seq 0.
        let many = (1...17).map { NumberedHead(member: UInt64($0), seq: 1) }
        #expect(throws: WireError.self) { _ = try GossipMessage.decode(body: Self.frame(.hintedSummary(root: log.rootDigest, entries: 4, recent: many))) }
        #expect(throws: WireError.self) { _ = try GossipMessage.decode(body: Self.frame(.hintedSummary(root: log.rootDigest, entries: 4, recent: behind))) }
    }
}
