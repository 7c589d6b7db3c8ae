import Crypto

/// A deterministic in-memory network of nodes, each a `GossipStateMachine` over a
/// `FederationLog`: messages are framed, counted and delivered in order; time and randomness are
/// the simulation's. Used by the tests and by `mibarai-bench --only-gossip`.
///
/// A round advances time by the gossip interval, ticks every running node once (in a random
/// order) and delivers messages until none is left. Nodes can be stopped (their log is kept, as
/// on disk; the state machine starts afresh on restart) and partitioned.
public struct GossipSimulation {
    public struct Node {
        public var machine: GossipStateMachine
        public var log: FederationLog
        public let signer: Curve25519.Signing.PrivateKey
        public let id: NodeID
        public let address: String
        public var running = true
        public var group = 0
        let seeds: [PeerInfo]
    }

    public private(set) var nodes: [Node]
    public private(set) var index: [NodeID: Int] = [:]
    public private(set) var now: Duration = .seconds(1)
    public private(set) var rounds = 0
    public var stats = SimulationStats()
    public var random: SimulationRandom
    public let configuration: GossipConfiguration
    public let operatorSigner: Curve25519.Signing.PrivateKey

    private var queue: [(from: Int, to: Int, frame: [UInt8])] = []
    private var head = 0
    private var links = Set<Link>()
    private var verified = Set<EntryHash>()

    struct Link: Hashable {
        let a: Int, b: Int
        init(_ x: Int, _ y: Int) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    /// `count` member nodes, all admitted in the operator's log (which every node starts with),
    /// each seeded with `seedsPerNode` random others (a ring neighbour among them, so the seed graph
    /// is connected). Keys are derived from `seed`: the same seed gives the same network.
    public init(count: Int, seedsPerNode: Int = 3, configuration: GossipConfiguration = GossipConfiguration(), seed: UInt64 = 1) {
        random = SimulationRandom(seed: seed)
        self.configuration = configuration
        func key(_ i: Int) -> Curve25519.Signing.PrivateKey {
            var g = SimulationRandom(seed: seed &* 1_000_003 &+ UInt64(i))
            return try! Curve25519.Signing.PrivateKey(rawRepresentation: (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) })
        }
        operatorSigner = key(-1 & 0xFFFF_FFFF)
        let op = NodeID(publicKey: operatorSigner.publicKey)
        var base = FederationLog(operator: op, limits: configuration.limits)
        var signers: [Curve25519.Signing.PrivateKey] = []
        for i in 0..<count {
            let s = key(i)
            signers.append(s)
            let sealing = try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: s.rawRepresentation)
            _ = try! base.append(signing: .admit(MemberAdmission(
                member: NodeID(publicKey: s.publicKey), sealingKey: sealing.publicKey, role: .shop,
                name: "shop-\(i)", region: "sim")), with: operatorSigner)
        }
        var nodes: [Node] = []
        let ids = signers.map { NodeID(publicKey: $0.publicKey) }
        for i in 0..<count {
            var seeds: [PeerInfo] = count > 1 ? [PeerInfo(id: ids[(i + 1) % count], address: "node-\((i + 1) % count)")] : []
            while seeds.count < min(seedsPerNode, count - 1) {
                let j = Int.random(in: 0..<count, using: &random)
                if j != i, !seeds.contains(where: { $0.id == ids[j] }) { seeds.append(PeerInfo(id: ids[j], address: "node-\(j)")) }
            }
            var config = configuration
            config.listenAddress = "node-\(i)"
            nodes.append(Node(machine: GossipStateMachine(me: ids[i], configuration: config, seeds: seeds), log: base,
                              signer: signers[i], id: ids[i], address: "node-\(i)", seeds: seeds))
            index[ids[i]] = i
        }
        self.nodes = nodes
    }

    // MARK: Driving

    /// Node `i` appends `body` to its own log and pushes it to its connected peers.
    @discardableResult
    public mutating func publish(at i: Int, _ body: LogBody) throws -> LogEntry {
        let entry = try nodes[i].log.append(signing: body, with: nodes[i].signer)
        verified.insert(entry.hash)
        perform(nodes[i].machine.stored(accepted: [entry], from: nil, source: nodes[i].log), at: i)
        drain()
        return entry
    }

    /// Node `i` speaks only these protocol versions from now on (its next `hello`s say so).
    public mutating func speak(_ versions: ClosedRange<UInt8>, at i: Int) {
        nodes[i].machine.configuration.versions = versions
    }

    /// The operator appends `body` to its log; it reaches the nodes by gossip from node `at`,
    /// which receives it first (the operator's publishing point).
    @discardableResult
    public mutating func operatorPublish(_ body: LogBody, at i: Int) throws -> LogEntry {
        var opLog = nodes[i].log
        let entry = try opLog.append(signing: body, with: operatorSigner)
        storeEntries([entry], at: i, from: nil)
        drain()
        return entry
    }

    /// One round: time moves one interval and every running node ticks once, in a random order;
    /// each tick's messages flow until none is left before the next node ticks. Nodes' timers run
    /// at independent phases and an exchange takes milliseconds against an interval of seconds,
    /// so exchanges seldom overlap; `overlapping` makes every exchange of a round concurrent.
    public mutating func round() {
        rounds += 1
        now += configuration.interval
        var order = Array(nodes.indices)
        order.shuffle(using: &random)
        for i in order where nodes[i].running {
            let actions = nodes[i].machine.tick(now: now, source: nodes[i].log, random: &random)
            perform(actions, at: i)
            if !overlapping { drain() }
        }
        drain()
    }

    /// Deliver a round's messages only after every node has ticked (all exchanges concurrent).
    public var overlapping = false

    public mutating func run(rounds n: Int) {
        for _ in 0..<n { round() }
    }

    /// Rounds until `done` holds (checked after each), at most `limit`; nil if it never did.
    public mutating func rounds(until done: (GossipSimulation) -> Bool, limit: Int) -> Int? {
        for r in 1...limit {
            round()
            if done(self) { return r }
        }
        return nil
    }

    /// Delivers a frame as if `from` had sent it on an open connection (for tests of bad peers).
    public mutating func inject(_ message: GossipMessage, from: Int, to: Int) {
        inject(frame: Array(message.framed().dropFirst(4)), from: from, to: to)
    }

    public mutating func inject(frame: [UInt8], from: Int, to: Int) {
        connect(from, to)
        drain()
        queue.append((from, to, frame))
        drain()
    }

    public mutating func stop(_ i: Int) {
        nodes[i].running = false
        for l in links where l.a == i || l.b == i { cut(l) }
    }

    /// Restarts node `i` with its log (as on disk) and a fresh state machine.
    public mutating func restart(_ i: Int) {
        var config = configuration
        config.listenAddress = nodes[i].address
        nodes[i].machine = GossipStateMachine(me: nodes[i].id, configuration: config, seeds: nodes[i].seeds)
        nodes[i].running = true
    }

    /// Puts nodes in groups: nodes in different groups cannot reach each other. Open links across are cut.
    public mutating func partition(_ groupOf: (Int) -> Int) {
        for i in nodes.indices { nodes[i].group = groupOf(i) }
        for l in links where nodes[l.a].group != nodes[l.b].group { cut(l) }
    }

    public mutating func heal() { for i in nodes.indices { nodes[i].group = 0 } }

    // MARK: Observing

    /// The share of running nodes whose log holds this entry.
    public func coverage(of entry: LogEntry) -> Double {
        let running = nodes.filter(\.running)
        let have = running.filter { $0.log.vector[entry.origin] >= entry.seq }.count
        return Double(have) / Double(max(1, running.count))
    }

    /// True when every running node holds the same vector.
    public var converged: Bool {
        let running = nodes.filter(\.running)
        guard let first = running.first else { return true }
        return running.allSatisfy { $0.log.rootDigest == first.log.rootDigest }
    }

    // MARK: Plumbing

    private func reachable(_ a: Int, _ b: Int) -> Bool {
        nodes[a].running && nodes[b].running && nodes[a].group == nodes[b].group
    }

    private mutating func connect(_ a: Int, _ b: Int) {
        guard reachable(a, b), !links.contains(Link(a, b)) else { return }
        links.insert(Link(a, b))
        perform(nodes[a].machine.connected(nodes[b].id, outbound: true, now: now), at: a)
        perform(nodes[b].machine.connected(nodes[a].id, outbound: false, now: now), at: b)
    }

    private mutating func cut(_ l: Link) {
        links.remove(l)
        nodes[l.a].machine.disconnected(nodes[l.b].id)
        nodes[l.b].machine.disconnected(nodes[l.a].id)
    }

    private mutating func drain() {
        while head < queue.count {
            let (from, to, frame) = queue[head]
            head += 1
            guard links.contains(Link(from, to)), reachable(from, to) else { continue }
            let actions = nodes[to].machine.received(frame: frame, from: nodes[from].id, now: now, source: nodes[to].log)
            perform(actions, at: to)
        }
        queue.removeAll(keepingCapacity: true)
        head = 0
    }

    private mutating func perform(_ actions: [GossipAction], at i: Int) {
        for action in actions {
            switch action {
            case .connect(let peer, _):
                if let j = index[peer] { connect(i, j) }
            case .send(let message, let peer):
                guard let j = index[peer], links.contains(Link(i, j)) else { continue }
                let frame = message.framed()
                stats.frames += 1
                stats.bytes += frame.count
                stats.bytesByCode[message.code, default: 0] += frame.count
                stats.framesByCode[message.code, default: 0] += 1
                if case .hintedSummary(let root, let total, _) = message {
                    stats.summaryHintBytes += frame.count - GossipMessage.summary(root: root, entries: total).framed().count
                }
                queue.append((i, j, Array(frame.dropFirst(4))))
            case .store(let entries, let peer):
                storeEntries(entries, at: i, from: index[peer])
            case .acceptProof(let proof, let peer):
                let isNew = nodes[i].log.equivocations[proof.origin] == nil
                if nodes[i].log.accept(proof), isNew {
                    perform(nodes[i].machine.stored(accepted: [], newProofs: [proof], from: peer), at: i)
                }
            case .disconnect(let peer, _):
                if let j = index[peer], links.contains(Link(i, j)) { cut(Link(i, j)) }
            case .pullEnded:
                break
            }
        }
    }

    private mutating func storeEntries(_ entries: [LogEntry], at i: Int, from j: Int?) {
        var accepted: [LogEntry] = []
        var refused: [EntryRefusal] = []
        let proofsBefore = Set(nodes[i].log.equivocations.keys)
        for e in entries {
            var ok = verified.contains(e.hash)
            if !ok, e.hasValidSignature() {
                verified.insert(e.hash)
                ok = true
            }
            do throws(EntryRefusal) {
                try nodes[i].log.append(e, signatureVerified: ok)
                accepted.append(e)
            } catch {
                refused.append(error)
                if error == .replay { stats.duplicateEntries += 1 }
                stats.refused[error.name, default: 0] += 1
            }
        }
        nodes[i].log.refreshDigests(for: Set(accepted.map(\.origin)))
        stats.storedEntries += accepted.count
        let proofs = nodes[i].log.equivocations.filter { !proofsBefore.contains($0.key) }.map(\.value)
        perform(nodes[i].machine.stored(accepted: accepted, refused: refused, newProofs: proofs,
                                        from: j.map { nodes[$0].id }, source: nodes[i].log), at: i)
        if let j { perform(nodes[i].machine.resume(after: nodes[j].id, accepted: accepted.count, now: now, source: nodes[i].log), at: i) }
    }
}
