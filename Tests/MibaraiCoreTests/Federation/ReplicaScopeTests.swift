import MibaraiCore
import Testing

/// `replicas = hubs` in the state machine (`Protocol/federation.md`, "Exchange scope"): a hub and
/// a shop exchange the operator's log and the shop's own, both ways, and end in sync without the
/// shop ever being offered another shop's entry.
@Suite("Replica scope")
struct ReplicaScopeTests {
    typealias F = FederationFixture

    @Test func theScopeOfEachPairFollowsThePolicyAndTheRoles() {
        let hubs = FederationPolicy(replicas: .hubs)
        let (op, a, b) = (F.operatorID, F.id(1), F.id(2))
        #expect(ReplicaScope.origins(policy: .defaults, operator: op, me: a, myRole: .shop, peer: b, peerRole: .hub) == nil)
        #expect(ReplicaScope.origins(policy: hubs, operator: op, me: a, myRole: .hub, peer: b, peerRole: .hub) == nil)
        #expect(ReplicaScope.origins(policy: hubs, operator: op, me: a, myRole: .hub, peer: b, peerRole: .shop) == [op, b])
        #expect(ReplicaScope.origins(policy: hubs, operator: op, me: b, myRole: .shop, peer: a, peerRole: .hub) == [op, b])
        #expect(ReplicaScope.origins(policy: hubs, operator: op, me: a, myRole: .shop, peer: b, peerRole: .shop) == [op])
        // A peer whose admission is not known yet counts as a shop.
        #expect(ReplicaScope.origins(policy: hubs, operator: op, me: a, myRole: .hub, peer: b, peerRole: nil) == [op, b])
        #expect(!ReplicaScope.holdsReplica(policy: hubs, role: .shop))
        #expect(ReplicaScope.holdsReplica(policy: hubs, role: .hub))
        #expect(ReplicaScope.holdsReplica(policy: .defaults, role: .shop))
    }

    @Test func aHubAndAShopExchangeOnlyTheOperatorsLogAndTheShopsOwn() throws {
        // The hub (3) holds everything: the operator's log with the policy, shop 1's records.
        var hub = FederationLog(operator: F.operatorID)
        for (n, role) in [(UInt8(1), MemberRole.shop), (2, .shop), (3, .hub)] {
            _ = try hub.append(signing: F.admission(n, role: role), with: F.operatorKey)
        }
        _ = try hub.append(signing: .policy(FederationPolicy(replicas: .hubs)), with: F.operatorKey)
        for n in 1...3 { _ = try hub.append(signing: .publish(F.record(UInt8(n))), with: F.signer(1)) }
        // Shop 2 holds the operator's first entry only, and a record of its own the hub lacks.
        var shop = FederationLog(operator: F.operatorID)
        for e in hub.entries(of: F.operatorID).prefix(2) { try shop.append(e) }
        let own = try shop.append(signing: .publish(F.record(9)), with: F.signer(2))

        var logs = [hub, shop]
        let ids = [F.id(3), F.id(2)]
        var machines = [GossipStateMachine(me: ids[0]), GossipStateMachine(me: ids[1], seeds: [PeerInfo(id: ids[0], address: "hub:1")])]
        var offered: [LogEntry] = []
        var queue: [(to: Int, frame: [UInt8])] = []
        func perform(_ actions: [GossipAction], at i: Int) throws {
            for a in actions {
                switch a {
                case .send(let m, _):
                    if i == 0, case .delta(_, _, let es) = m { offered += es }
                    if i == 0, case .entries(let es) = m { offered += es }
                    queue.append((1 - i, Array(m.framed().dropFirst(4))))
                case .store(let es, _):
                    let r = logs[i].append(contentsOf: es)
                    try perform(machines[i].stored(accepted: r.accepted, from: ids[1 - i], source: logs[i]), at: i)
                default: break
                }
            }
        }
        try perform(machines[1].connected(ids[0], outbound: true, now: .zero), at: 1)
        try perform(machines[0].connected(ids[1], outbound: false, now: .zero), at: 0)
        // Each end sets the scope its own log gives (the shop's log learns the policy on the way).
        func rescope() {
            for i in 0...1 {
                let l = logs[i]
                machines[i].limit(ids[1 - i], to: ReplicaScope.origins(
                    policy: l.policy, operator: F.operatorID, me: ids[i], myRole: l.members[ids[i]]?.role,
                    peer: ids[1 - i], peerRole: l.members[ids[1 - i]]?.role))
            }
        }
        rescope()
        var steps = 0
        func deliver(at now: Duration) throws {
            while !queue.isEmpty, steps < 400 {
                steps += 1
                let (to, frame) = queue.removeFirst()
                try perform(machines[to].received(frame: frame, from: ids[1 - to], now: now, source: logs[to]), at: to)
                rescope()
            }
        }
        try deliver(at: .zero)
        for round in 0..<6 {
            var random = SystemRandomNumberGenerator()
            let now = Duration.milliseconds(100 * (round + 1))
            try perform(machines[1].tick(now: now, source: logs[1], random: &random), at: 1)
            try deliver(at: now)
        }
        #expect(logs[1].policy.replicas == .hubs, "the shop took the whole operator's log")
        #expect(logs[1].vector[F.operatorID] == logs[0].vector[F.operatorID])
        #expect(logs[1].vector[F.id(1)] == 0, "nothing of shop 1 reached shop 2")
        #expect(!offered.contains { $0.origin == F.id(1) }, "the hub never offered it")
        #expect(logs[0].entry(origin: F.id(2), seq: 1) == own, "the shop's own entry reached the hub")
        #expect(machines[1].inSyncAnswers > 0, "exchanges over the scope end in sync")
    }

    /// A proof of equivocation carries two of its origin's entries: it goes only to peers whose
    /// scope holds that origin, and one from a peer out of scope is dropped.
    @Test func proofsOfEquivocationStayWithinTheScope() throws {
        let log = F.log(members: 3)
        let a = F.entry(F.signer(1), seq: 1, previous: .zero, .publish(F.record(1)))
        let b = F.entry(F.signer(1), seq: 1, previous: .zero, .publish(F.record(2)))
        let proof = try #require(EquivocationProof(held: a, conflicting: b))
        var m = GossipStateMachine(me: F.id(3))
        let hello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 5, maxMessageBytes: 65_536, maxEntriesPerMessage: 100, listenAddress: ""))
        for peer in [F.id(1), F.id(2)] {
            _ = m.connected(peer, outbound: false, now: .zero)
            _ = m.received(frame: Array(hello.framed().dropFirst(4)), from: peer, now: .zero, source: log)
        }
        m.limit(F.id(2), to: [F.operatorID, F.id(2)])
        let sent = m.stored(accepted: [], newProofs: [proof], from: nil).compactMap { action -> NodeID? in
            if case .send(.equivocation, let to) = action { to } else { nil }
        }
        #expect(sent == [F.id(1)], "sent to \(sent)")
        let fromOut = m.received(frame: Array(GossipMessage.equivocation(proof).framed().dropFirst(4)), from: F.id(2), now: .zero, source: log)
        #expect(fromOut.isEmpty)
        let fromIn = m.received(frame: Array(GossipMessage.equivocation(proof).framed().dropFirst(4)), from: F.id(1), now: .zero, source: log)
        #expect(fromIn == [.acceptProof(proof, from: F.id(1))])
    }
}
