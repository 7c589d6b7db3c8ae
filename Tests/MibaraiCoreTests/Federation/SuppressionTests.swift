import Crypto
import MibaraiCore
import Testing

/// The operator's suppressions (`Protocol/federation.md`, "Suppressions", version 3): their
/// bodies, the log's rules for them, and the gossip never handing them to a peer of an older version.
@Suite("Suppressions")
struct SuppressionTests {
    typealias F = FederationFixture

    static let epochKey = EpochKey(epoch: 1, keyBytes: [UInt8](repeating: 0x42, count: 32))!

    static func token(_ type: TokenType, _ n: UInt64, epoch: UInt32 = 1) -> SuppressedToken {
        SuppressedToken(epoch: epoch, token: BlindToken(type: type, value: TokenValue(high: n, low: 7)))
    }

    static func suppression(_ idByte: UInt8, epoch: UInt32 = 1) -> Suppression {
        Suppression(id: SuppressionID(bytes: [UInt8](repeating: idByte, count: 16))!, reason: .impersonation,
                    tokens: [token(.nameAddress, 3, epoch: epoch), token(.phone, 9, epoch: epoch), token(.phone, 2, epoch: epoch)])
    }

    /// A log with members 1…3 and epoch 1's key sealed to them.
    static func sealedLog() throws -> FederationLog {
        var log = F.log()
        let members = (1...3).map { (member: F.id(UInt8($0)), sealingKey: log.members[F.id(UInt8($0))]!.sealingKey) }
        let sealed = try SealedEpochKey.seal(epochKey, operator: F.operatorID, to: members.sorted { $0.member < $1.member })
        _ = try log.append(signing: .epochKey(sealed), with: F.operatorKey)
        return log
    }

    // MARK: Bodies

    @Test func aSuppressionRoundTripsWithItsTokensSorted() throws {
        let s = Self.suppression(0x5C)
        #expect(s.tokens == s.tokens.sorted() && s.tokens.count == 3)
        #expect(s.tokens.first?.token.type == .phone)
        let bytes = LogBody.suppress(s).encoded()
        #expect(bytes.count == 16 + 1 + 1 + 3 * 21)
        #expect(try LogBody.decode(kind: .suppress, bytes) == .suppress(s))
        #expect(try LogBody.decode(kind: .lift, s.id.bytes) == .lift(s.id))
        #expect(LogEntryKind.suppress.rawValue == 67 && LogEntryKind.lift.rawValue == 68)
        #expect(LogEntryKind.suppress.sinceVersion == 3 && LogEntryKind.revoke.sinceVersion == 1)
    }

    @Test func unsortedRepeatedEmptyOrUnknownSuppressionsAreMalformed() throws {
        let s = Self.suppression(0x5C)
        let good = LogBody.suppress(s).encoded()
        // Swap the first two tokens (21 bytes each, after id, reason, count).
        var swapped = good
        swapped.replaceSubrange(18..<60, with: Array(good[39..<60]) + Array(good[18..<39]))
        #expect(throws: WireError.self) { try LogBody.decode(kind: .suppress, swapped) }
        var repeated = good
        repeated.replaceSubrange(39..<60, with: good[18..<39])
        #expect(throws: WireError.self) { try LogBody.decode(kind: .suppress, repeated) }
        var none = Array(good[0..<18])
        none[17] = 0
        #expect(throws: WireError.self) { try LogBody.decode(kind: .suppress, none) }
        var reason = good
        reason[16] = 2
        #expect(throws: WireError.self) { try LogBody.decode(kind: .suppress, reason) }
        #expect(throws: WireError.self) { try LogBody.decode(kind: .suppress, good + [0]) }
        #expect(throws: WireError.self) { try LogBody.decode(kind: .lift, Array(repeating: 1, count: 15)) }
    }

    // MARK: The log's rules

    @Test func theOperatorSuppressesAndLiftsOnce() throws {
        var log = try Self.sealedLog()
        let s = Self.suppression(0x5C)
        _ = try log.append(signing: .suppress(s), with: F.operatorKey)
        #expect(log.suppressions[s.id] == s)
        _ = try log.append(signing: .lift(s.id), with: F.operatorKey)
        #expect(log.suppressions.isEmpty && log.usedSuppressionIDs == [s.id])
        // A second lift, a lift of an id never used, and a new suppression under the lifted id.
        for body in [LogBody.lift(s.id), .lift(SuppressionID(bytes: [UInt8](repeating: 9, count: 16))!), .suppress(s)] {
            let e = F.entry(F.operatorKey, seq: log.vector[F.operatorID] + 1, previous: log.headHash(of: F.operatorID), body)
            #expect(throws: EntryRefusal.self) { try log.append(e) }
            do { try log.append(e) } catch { #expect(error.name == "invalid_body") }
        }
    }

    @Test func aSuppressionUnderAnEpochNeverSealedIsRefused() throws {
        var log = F.log()
        let e = F.entry(F.operatorKey, seq: log.vector[F.operatorID] + 1, previous: log.headHash(of: F.operatorID), .suppress(Self.suppression(1)))
        do { try log.append(e); Issue.record("accepted") } catch { #expect(error.name == "invalid_body") }
    }

    @Test func aMemberCannotSuppress() throws {
        var log = try Self.sealedLog()
        let e = F.entry(F.signer(1), seq: 1, previous: .zero, .suppress(Self.suppression(1)))
        do { try log.append(e); Issue.record("accepted") } catch { #expect(error.name == "wrong_kind") }
    }

    @Test func theTokensAreAPersonsIdentifiersUnderEachEpochNeverTheBareAddress() throws {
        let identity = NormalizedIdentity(name: "見本太郎", address: NormalizedAddress(canonical: "東京都|江東区|古石場|2-29-16|1203", isPostOfficeHold: false),
                                          phone: "+818024681357")
        let keys = [Self.epochKey, EpochKey(epoch: 2, keyBytes: [UInt8](repeating: 0x43, count: 32))!]
        let tokens = Suppression.tokens(for: identity, under: keys)
        #expect(tokens.count == 4)
        #expect(Set(tokens.map(\.token.type)) == [.phone, .nameAddress])
        #expect(tokens.filter { $0.epoch == 2 }.count == 2)
        for t in tokens {
            let made = Blinder(key: keys.first { $0.epoch == t.epoch }!).tokens(for: identity)
            #expect(made.contains(t.token))
        }
    }

    // MARK: Versions

    /// A node never gives a peer that agreed on version 2 an entry of a version-3 kind, nor any
    /// later entry of that origin; it gives it everything else. A peer at version 3 gets it all.
    @Test func aVersionTwoPeerGetsTheOperatorsLogOnlyUpToTheFirstSuppression() throws {
        var sim = GossipSimulation(count: 4, seedsPerNode: 3)
        let old = 1
        sim.speak(1...2, at: old)
        let members = sim.nodes[0].log.members.values.map { (member: $0.member, sealingKey: $0.sealingKey) }.sorted { $0.member < $1.member }
        _ = try sim.operatorPublish(.epochKey(try SealedEpochKey.seal(Self.epochKey, operator: sim.nodes[0].log.operatorID, to: members)), at: 0)
        sim.run(rounds: 12)
        let op = sim.nodes[0].log.operatorID
        let beforeSuppression = sim.nodes[0].log.vector[op]
        #expect(sim.nodes.allSatisfy { $0.log.vector[op] == beforeSuppression })

        let suppress = try sim.operatorPublish(.suppress(Self.suppression(0x5C)), at: 0)
        // An old kind after it: a version 2 peer cannot take it either (it would be a gap).
        let revoke = try sim.operatorPublish(.revoke(Revocation(member: sim.nodes[3].id, reason: .leftFederation, lastValidSeq: 0)), at: 0)
        // A member's entry still reaches everyone.
        let record = try sim.publish(at: 2, .publish(F.record(7)))
        sim.run(rounds: 30)

        for (i, n) in sim.nodes.enumerated() where i != 3 {
            #expect(n.log.entry(origin: record.origin, seq: record.seq)?.hash == record.hash, "node \(i)")
            if i == old {
                #expect(n.log.vector[op] == beforeSuppression, "node \(i) took a version 3 entry")
                #expect(n.log.suppressions.isEmpty)
            } else {
                #expect(n.log.entry(origin: op, seq: suppress.seq)?.hash == suppress.hash, "node \(i)")
                #expect(n.log.entry(origin: op, seq: revoke.seq)?.hash == revoke.hash, "node \(i)")
            }
            #expect(sim.nodes[i].machine.negotiatedVersion(with: sim.nodes[i == old ? 0 : old].id).map { $0 <= 3 } ?? true)
        }
        // Nothing was refused as malformed or as a gap: such entries were never sent.
        #expect(sim.stats.refused["malformed", default: 0] == 0)
        #expect(sim.stats.refused["gap", default: 0] == 0)
    }

    /// The state machine alone: a delta, a step-5 answer and a push to a version 2 peer stop
    /// before the operator's first suppression; to a version 3 peer they hold it.
    @Test func deltasAndPushesStopBeforeTheFirstVersionThreeEntry() throws {
        var log = try Self.sealedLog()
        let cut = log.vector[F.operatorID]
        let suppress = try log.append(signing: .suppress(Self.suppression(0x5C)), with: F.operatorKey)
        let record = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        for (versions, wants) in [(UInt8(1)...2, false), (1...3, true)] {
            var m = GossipStateMachine(me: F.id(9))
            var rng = SimulationRandom(seed: 1)
            _ = m.tick(now: .zero, source: log, random: &rng)
            _ = m.connected(F.id(2), outbound: false, now: .zero)
            _ = m.received(frame: GossipStateMachineTests.frame(GossipStateMachineTests.hello(versions)), from: F.id(2), now: .zero, source: log)
            #expect(m.negotiatedVersion(with: F.id(2)) == versions.upperBound)
            // The peer has nothing: it wants everything.
            let want = GossipMessage.want(buckets: .max, heads: [])
            let sent = GossipStateMachineTests.sends(m.received(frame: GossipStateMachineTests.frame(want), from: F.id(2), now: .zero, source: log))
            guard case .delta(_, _, let entries)? = sent.first else { Issue.record("no delta"); continue }
            let ops = entries.filter { $0.origin == F.operatorID }
            #expect(ops.map(\.seq).max() == (wants ? suppress.seq : cut), "\(versions)")
            #expect(entries.contains { $0.hash == record.hash })
            // A push of the suppression (as from the operator's inbox).
            let pushed = GossipStateMachineTests.sends(m.stored(accepted: [suppress], from: nil, source: log))
            #expect(pushed.isEmpty != wants, "\(versions)")
            // Without the log, the pushed entries alone say where to stop.
            let pushedBlind = GossipStateMachineTests.sends(m.stored(accepted: [suppress, record], from: nil))
            let blindEntries = pushedBlind.flatMap { msg -> [LogEntry] in if case .entries(let es) = msg { es } else { [] } }
            #expect(blindEntries.contains { $0.hash == suppress.hash } == wants)
            #expect(blindEntries.contains { $0.hash == record.hash })
        }
        #expect(log.lastSendable(of: F.operatorID, toVersion: 2) == cut)
        #expect(log.lastSendable(of: F.operatorID, toVersion: 3) == nil)
        #expect(log.lastSendable(of: F.id(1), toVersion: 1) == nil)
    }
}
