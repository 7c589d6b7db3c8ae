import Crypto
import Foundation
import Logging
import Metrics
import MibaraiCore
import MibaraiStore
import NIOCore

/// The node's side of the federation: its verified log (kept in SQLite, rebuilt from it at
/// start), the gossip state machine, and the open connections. The state machine decides; this
/// actor carries its actions out: a send goes into the connection's outbox, a store verifies
/// entries and writes them (and the records they carry) in one transaction, a connect goes to the
/// service that dials. Connections themselves are run by `GossipService` (its listener and dials)
/// and `GossipConnectionHandler` (each connection, on its event loop), which tell the node what
/// happens through `ConnectionEvents`.
public actor GossipNode {
    public struct Configuration: Sendable {
        /// This node's name in the federation (`node_id` in mibarai.toml), the origin of its records.
        public var name: String
        public var gossip: GossipConfiguration
        /// Peers to reach at start: `name@host:port` or `<node id hex>@host:port`.
        public var seeds: [PeerSeed]
        /// For tests and audits: every frame received, appended as `u32 length || bytes`.
        public var receivedFramesFile: URL?

        public init(name: String, gossip: GossipConfiguration, seeds: [PeerSeed] = [], receivedFramesFile: URL? = nil) {
            self.name = name
            self.gossip = gossip
            self.seeds = seeds
            self.receivedFramesFile = receivedFramesFile
        }
    }

    /// Frames waiting for one peer before the node gives up on it.
    public static let outboxFrames = 64
    /// Deltas verified but not yet written before the node stops pulling more (the writer then
    /// takes them in one transaction).
    static let maxPendingWrites = 8

    struct Link {
        var id: Int
        var outbound: Bool
        var outbox: PeerOutbox
    }

    public nonisolated let me: NodeID
    public nonisolated let dialRequests: AsyncStream<PeerInfo>
    private let dial: AsyncStream<PeerInfo>.Continuation
    private let signer: Curve25519.Signing.PrivateKey
    private let sealingKey: Curve25519.KeyAgreement.PrivateKey?
    private let database: AppDatabase
    private let gate: MemberGateBox
    private let logger: Logger
    private let name: String
    private let onEpochKey: @Sendable (EpochKey) throws -> Void
    private var log: FederationLog
    private var machine: GossipStateMachine
    private var ownPublished: [ReportID: ReportStatus]
    private var links: [NodeID: Link] = [:]
    private var dialing: Set<NodeID> = []
    private var pendingSeeds: [PeerSeed]
    private var warnedNotAdmitted = false
    private var keysChecked = false
    private var isShutDown = false
    private var random = SystemRandomNumberGenerator()
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let dump: FileHandle?
    /// Entries from peers are written here, while the next delta is fetched and verified.
    private let writer: LogWriter
    private var pendingWrites = 0
    /// Peers whose next pull waits for the writer (entries taken from their last delta).
    private var resumeAfterWrite: [NodeID: Int] = [:]

    /// Rebuilds the log from the database. `onEpochKey` receives each epoch key sealed to this
    /// node as its entry arrives (the caller installs it).
    public init(
        configuration: Configuration, operator op: NodeID, signer: Curve25519.Signing.PrivateKey,
        sealingKey: Curve25519.KeyAgreement.PrivateKey?, database: AppDatabase, gate: MemberGateBox, logger: Logger,
        onEpochKey: @escaping @Sendable (EpochKey) throws -> Void = { _ in }
    ) throws {
        me = NodeID(publicKey: signer.publicKey)
        self.signer = signer
        self.sealingKey = sealingKey
        self.database = database
        self.gate = gate
        self.logger = logger
        self.onEpochKey = onEpochKey
        name = configuration.name
        let log = try Self.load(operator: op, limits: configuration.gossip.limits, from: database, logger: logger)
        self.log = log
        ownPublished = log.publishedStatuses(of: me)
        machine = GossipStateMachine(me: me, configuration: configuration.gossip)
        pendingSeeds = configuration.seeds
        (dialRequests, dial) = AsyncStream.makeStream(of: PeerInfo.self)
        started = clock.now
        if let url = configuration.receivedFramesFile {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            dump = try FileHandle(forWritingTo: url)
        } else {
            dump = nil
        }
        gate.revoke(log.revocations.keys)
        writer = LogWriter(database: database, me: me, logger: logger)
        writer.whenWritten { [weak self] batches, failure in
            guard let self else { return }
            Task { await self.written(batches, failure: failure) }
        }
    }

    /// The log as the database holds it. The bytes were verified before they were written; an
    /// entry that no longer decodes or fits (limits changed) is skipped with a notice.
    static func load(operator op: NodeID, limits: FederationLimits, from database: AppDatabase, logger: Logger) throws -> FederationLog {
        var log = FederationLog(operator: op, limits: limits)
        var held: [LogEntry] = []
        var unreadable = 0
        for bytes in try database.logEntries(operator: op) {
            if let e = try? LogEntry(decoding: bytes, limits: limits) { held.append(e) } else { unreadable += 1 }
        }
        let (_, refused) = log.append(contentsOf: held, signatureVerified: true)
        if unreadable + refused.count > 0 {
            logger.notice("gossip: held entries left out of the log", metadata: ["unreadable": "\(unreadable)", "refused": "\(refused.count)"])
        }
        for (a, b) in try database.logProofs() {
            if let held = try? LogEntry(decoding: a), let other = try? LogEntry(decoding: b),
               let proof = EquivocationProof(held: held, conflicting: other) { log.accept(proof) }
        }
        return log
    }

    // MARK: Queries

    public var entryCount: Int { log.entryCount }
    public var vector: VersionVector { log.vector }
    public var connectedPeers: [NodeID] { links.keys.sorted() }
    public func name(of node: NodeID) -> String { log.name(of: node) }

    // MARK: Events from the service

    /// Where this node accepts gossip connections, told to peers in `hello`. Returns the `hello`
    /// every connection sends first from now on (`ConnectionGreeting`).
    @discardableResult
    public func listening(on address: String) -> GossipMessage {
        machine.configuration.listenAddress = address
        return machine.greeting
    }

    /// Called often: takes entries handed over by commands, publishes this node's changed
    /// records, and lets the state machine start a round when one is due.
    public func tick() {
        guard !isShutDown else { return }
        if !keysChecked {
            // Epoch keys held but not installed (a crash between storing and installing), and
            // record changes noted but not applied (a stop while catching up).
            keysChecked = true
            installEpochKeys(from: log.sealedEpochKeys)
            writer.applyNotedChanges()
        }
        takeInbox()
        publishOwnChanges()
        resolveSeeds()
        perform(machine.tick(now: now, source: log, random: &random))
    }

    /// Takes the events waiting in `queue` and handles them, then gives the frames' windows back
    /// their places. The service calls this on every wake-up and before every tick; the takes
    /// happen on this actor, so events taken by one call are handled before the next takes more.
    func take(from queue: ConnectionEvents) {
        let events = queue.take()
        guard !events.isEmpty else { return }
        handle(events)
        for case .frame(_, _, _, let window) in events { window.taken() }
    }

    /// The connections' events, in the order they happened (`ConnectionEvents`).
    func handle(_ events: [ConnectionEvents.Event]) {
        for event in events {
            switch event {
            case .attached(let peer, let link, let outbound, let outbox, let greeted):
                if !attached(peer, link: link, outbound: outbound, outbox: outbox, greeted: greeted) { outbox.close() }
            case .frame(let frame, let peer, let link, _):
                received(frame, from: peer, link: link)
            case .detached(let peer, let link):
                detached(peer, link: link)
            case .dialEnded(let peer):
                dialing.remove(peer)
            }
        }
    }

    /// A verified connection is up. False when the node keeps another connection to the peer (or
    /// is stopping, or the peer was revoked meanwhile): `handle` then closes this one.
    private func attached(_ peer: NodeID, link: Int, outbound: Bool, outbox: PeerOutbox, greeted: Bool) -> Bool {
        guard !isShutDown, log.revocations[peer] == nil else { return false }
        if let old = links[peer] {
            // Both dialled at once: both sides keep the connection the lower node id dialled.
            let keepOld = old.outbound == (me < peer)
            if keepOld, old.outbound != outbound { return false }
            closeLink(to: peer)
        }
        if outbound { dialing.remove(peer) }
        links[peer] = Link(id: link, outbound: outbound, outbox: outbox)
        Self.connections.record(links.count)
        logger.info("gossip: connected", metadata: ["peer": "\(log.name(of: peer))", "outbound": "\(outbound)"])
        perform(machine.connected(peer, outbound: outbound, now: now, greeted: greeted))
        return true
    }

    private func received(_ frame: ByteBuffer, from peer: NodeID, link: Int) {
        guard links[peer]?.id == link else { return }
        let bytes = Array(buffer: frame)
        if let dump {
            var length = UInt32(bytes.count).bigEndian
            dump.write(Data(bytes: &length, count: 4) + Data(bytes))
        }
        perform(machine.received(frame: bytes, from: peer, now: now, source: log))
    }

    private func detached(_ peer: NodeID, link: Int) {
        guard links[peer]?.id == link else { return }
        // The connection has closed already: closing it again would cost a hop to its event loop.
        forgetLink(to: peer)
        Self.connections.record(links.count)
        logger.info("gossip: disconnected", metadata: ["peer": "\(log.name(of: peer))"])
    }

    /// Closes the connections and returns once the entries verified so far are written.
    public func shutdown() async {
        isShutDown = true
        for l in links.values { l.outbox.close() }
        links = [:]
        dial.finish()
        try? dump?.close()
        await writer.flush()
    }

    // MARK: Carrying out actions

    private var now: Duration { clock.now - started }

    private func perform(_ actions: [GossipAction]) {
        // A relay sends the same messages to every connected peer (a hub: hundreds). Each is
        // encoded once, and the peers' writes share its bytes.
        var encoded: [(message: GossipMessage, frame: ByteBuffer)] = []
        for action in actions {
            switch action {
            case .connect(let peer, let address):
                guard links[peer] == nil, !address.isEmpty, dialing.insert(peer).inserted else { continue }
                dial.yield(PeerInfo(id: peer, address: address))
            case .send(let message, let peer):
                guard let link = links[peer] else { continue }
                let frame: ByteBuffer
                if let done = encoded.first(where: { $0.message == message }) {
                    frame = done.frame
                } else {
                    frame = ByteBuffer(bytes: message.framed())
                    if encoded.count == 8 { encoded.removeFirst() }
                    encoded.append((message, frame))
                }
                if !link.outbox.send(frame) {
                    // The peer has not read the last `outboxFrames` frames: it is not keeping up.
                    perform([.disconnect(peer, reason: .closing)])
                }
            case .store(let entries, let peer):
                let accepted = store(entries, from: peer)
                if pendingWrites > Self.maxPendingWrites {
                    // The writer is behind: pull the next delta once it has caught up.
                    resumeAfterWrite[peer, default: 0] += accepted
                } else {
                    perform(machine.resume(after: peer, accepted: accepted, now: now, source: log))
                }
            case .acceptProof(let proof, let peer):
                let isNew = log.equivocations[proof.origin] == nil
                guard log.accept(proof), isNew else { continue }
                save([], proofs: [proof])
                perform(machine.stored(accepted: [], newProofs: [proof], from: peer))
            case .disconnect(let peer, let reason):
                closeLink(to: peer)
                Self.connections.record(links.count)
                Counter(label: "mibarai_gossip_connections_closed_total", dimensions: [("reason", reason.name)]).increment()
                logger.notice("gossip: closed a connection", metadata: ["peer": "\(log.name(of: peer))", "reason": "\(reason)"])
            case .pullEnded:
                // Once no peer's pull is left, the writer applies the changes it noted as soon as
                // the batches handed to it are written, instead of waiting to see whether more come.
                if !machine.isPulling { writer.catchUpEnded() }
            }
        }
    }

    /// Verifies and keeps entries; `from: nil` for entries a command handed over. Returns how many
    /// went in. Refusals are answered at once (a peer that forwards forgeries is cut off now).
    /// Entries from a peer go to the writer and are passed on to other peers only once written
    /// (`written`); the next delta can be fetched and verified meanwhile. They are in the log in
    /// memory at once, so a peer that asks may be served them before they are written, as after a
    /// failed write: they are their origins' signed entries, and if lost this node fetches them
    /// again. This node's own entries are sent only once saved (`publishOwnChanges`). A command's
    /// entries are written here, before anything else happens.
    @discardableResult
    private func store(_ entries: [LogEntry], from peer: NodeID?) -> Int {
        let proofsBefore = Set(log.equivocations.keys)
        let (accepted, refused) = append(entries)
        let newProofs = log.equivocations.filter { !proofsBefore.contains($0.key) }.map(\.value)
        // A replay is an honest race (two peers sent the same entry); anything else is worth a line.
        for (name, count) in Dictionary(grouping: refused, by: \.reason.name).mapValues(\.count) {
            Counter(label: "mibarai_gossip_entries_refused_total", dimensions: [("reason", name)]).increment(by: count)
        }
        let notable = refused.filter { $0.reason != .replay }
        if !notable.isEmpty {
            let codes = Set(notable.map(\.reason.name)).sorted().joined(separator: ",")
            logger.notice("gossip: refused entries", metadata: [
                "from": "\(peer.map { log.name(of: $0) } ?? "inbox")", "count": "\(notable.count)", "reasons": "\(codes)",
            ])
        }
        if !accepted.isEmpty { operatorChanges(in: accepted) }
        if !refused.isEmpty { perform(machine.stored(accepted: [], refused: refused.map(\.reason), from: peer)) }
        guard !accepted.isEmpty || !newProofs.isEmpty else { return 0 }
        if let peer {
            pendingWrites += 1
            writer.enqueue(LogWriter.Batch(entries: accepted, proofs: newProofs, names: names(of: accepted), peer: peer,
                                           catchingUp: machine.pullsAgain(from: peer)))
        } else {
            save(accepted, proofs: newProofs)
            passOn(accepted, proofs: newProofs, from: nil)
        }
        return accepted.count
    }

    /// The writer has written these batches (or failed to: then the entries stay in the log in
    /// memory and are served to peers; the next start rebuilds from the file and fetches them
    /// again).
    private func written(_ batches: [LogWriter.Batch], failure: StoreError?) {
        pendingWrites -= batches.count
        Self.held.record(log.entryCount)
        if let failure {
            logger.error("gossip: cannot save entries", metadata: ["error": "\(failure.message.en)"])
        }
        guard !isShutDown else { return }
        for b in batches { passOn(b.entries, proofs: b.proofs, from: b.peer) }
        guard pendingWrites <= Self.maxPendingWrites, !resumeAfterWrite.isEmpty else { return }
        let waiting = resumeAfterWrite
        resumeAfterWrite = [:]
        for (peer, accepted) in waiting.sorted(by: { $0.key < $1.key }) {
            perform(machine.resume(after: peer, accepted: accepted, now: now, source: log))
        }
    }

    /// Ends the link to `peer` on this side: its connection closes, and the state machine forgets
    /// it, with any pull from it that had not ended (a catch-up cut off mid-way is left to the
    /// writer's stall delay).
    private func closeLink(to peer: NodeID) {
        forgetLink(to: peer)?.outbox.close()
    }

    /// Drops the link to `peer` without closing its connection; returns it.
    @discardableResult
    private func forgetLink(to peer: NodeID) -> Link? {
        machine.disconnected(peer)
        return links.removeValue(forKey: peer)
    }

    /// Stored entries and new proofs go on to the other peers.
    private func passOn(_ accepted: [LogEntry], proofs: [EquivocationProof], from peer: NodeID?) {
        if !accepted.isEmpty {
            Self.stored.increment(by: accepted.count)
            logger.info("gossip: stored entries", metadata: ["from": "\(peer.map { log.name(of: $0) } ?? "inbox")", "count": "\(accepted.count)"])
        }
        perform(machine.stored(accepted: accepted, newProofs: proofs, from: peer))
    }

    /// Appends in order. A large batch (a node catching up) is checked by runs
    /// (`FederationLog.runEnds`): when it holds many, their last entries' signatures are checked on
    /// every core first and the log takes those results.
    private func append(_ entries: [LogEntry]) -> (accepted: [LogEntry], refused: [(entry: LogEntry, reason: EntryRefusal)]) {
        let ends = FederationLog.runEnds(of: entries)
        guard ends.count >= 64 else { return log.append(contentsOf: entries) }
        let valid = SignatureCheck.parallel(ends.map { entries[$0] })
        return log.append(contentsOf: entries, checkedRunEnds: Dictionary(uniqueKeysWithValues: zip(ends, valid)))
    }

    private func names(of entries: [LogEntry]) -> [NodeID: String] {
        var names: [NodeID: String] = [:]
        for e in entries where names[e.origin] == nil { names[e.origin] = log.name(of: e.origin) }
        return names
    }

    // Metrics: counts only, never a name or a value (Prometheus text on the API's /metrics).
    static let stored = Counter(label: "mibarai_gossip_entries_stored_total")
    static let published = Counter(label: "mibarai_gossip_entries_published_total")
    static let connections = Gauge(label: "mibarai_gossip_connections")
    static let held = Gauge(label: "mibarai_log_entries")

    /// Writes entries and proofs; false (logged) if the database refused.
    @discardableResult
    private func save(_ accepted: [LogEntry], proofs: [EquivocationProof]) -> Bool {
        defer { Self.held.record(log.entryCount) }
        do {
            try database.saveLogEntries(accepted, proofs: proofs, me: me, names: names(of: accepted))
            return true
        } catch {
            // Others' entries stay in the log in memory and are served to peers; the next start
            // rebuilds from the file and fetches them again.
            logger.error("gossip: cannot save entries", metadata: ["error": "\(error.message.en)"])
            return false
        }
    }

    /// Revocations reach the gate (and end the revoked members' connections); epoch keys sealed
    /// to this node are opened and handed to the caller.
    private func operatorChanges(in accepted: [LogEntry]) {
        for e in accepted where e.origin == log.operatorID {
            guard let body = try? e.decodedBody(limits: log.limits) else { continue }
            switch body {
            case .revoke(let r):
                gate.revoke([r.member])
                if links[r.member] != nil { closeLink(to: r.member) }
                logger.notice("gossip: member revoked", metadata: ["member": "\(log.name(of: r.member))"])
            case .epochKey(let sealed):
                installEpochKeys(from: [sealed])
            default:
                break
            }
        }
    }

    /// Opens the boxes sealed to this node and hands the keys over (the caller ignores epochs it has).
    private func installEpochKeys(from sealed: [SealedEpochKey]) {
        guard let sealingKey else { return }
        for s in sealed {
            guard let key = s.open(for: me, sealingKey: sealingKey, operator: log.operatorID) else { continue }
            do { try onEpochKey(key) } catch {
                logger.error("gossip: cannot install an epoch key", metadata: ["epoch": "\(key.epoch)", "error": "\(type(of: error))"])
            }
        }
    }

    private func takeInbox() {
        let waiting: [[UInt8]]
        do {
            guard try !database.inboxIsEmpty() else { return }
            waiting = try database.takeInbox()
        } catch {
            logger.error("gossip: cannot read the inbox", metadata: ["error": "\(error.message.en)"])
            return
        }
        guard !waiting.isEmpty else { return }
        let entries = waiting.compactMap { try? LogEntry(decoding: $0, limits: log.limits) }
        store(entries, from: nil)
    }

    /// Signs what this node's records say and its log does not yet.
    private func publishOwnChanges() {
        guard log.members[me] != nil, log.revocations[me] == nil else {
            if !warnedNotAdmitted {
                warnedNotAdmitted = true
                logger.notice("gossip: this node is not admitted in the operator's log yet; its reports are not published")
            }
            return
        }
        let current: [BlindedRecord]
        do { current = try database.blindedRecords(origin: name) } catch {
            logger.error("gossip: cannot read this node's records", metadata: ["error": "\(error.message.en)"])
            return
        }
        let bodies = OwnLogPlan.bodies(current: current, published: ownPublished)
        guard !bodies.isEmpty else { return }
        var signed: [LogEntry] = []
        for body in bodies {
            do {
                signed.append(try log.append(signing: body, with: signer))
            } catch {
                logger.error("gossip: cannot sign an entry", metadata: ["kind": "\(body.kind)"])
                continue
            }
            switch body {
            case .publish(let p): ownPublished[p.id] = p.status
            case .status(let id, let s): ownPublished[id] = s
            case .withdraw(let id): ownPublished[id] = .withdrawn
            default: break
            }
        }
        guard save(signed, proofs: []) else {
            // Never send entries the file does not hold: after a restart the node would sign
            // other entries under the same numbers, which peers would take for equivocation.
            // Back to what the file holds; the next tick tries again.
            do {
                log = try Self.load(operator: log.operatorID, limits: log.limits, from: database, logger: logger)
                ownPublished = log.publishedStatuses(of: me)
            } catch {
                logger.error("gossip: cannot reload the log", metadata: ["error": "\(type(of: error))"])
            }
            return
        }
        Self.published.increment(by: signed.count)
        logger.info("gossip: published", metadata: ["entries": "\(signed.count)"])
        perform(machine.stored(accepted: signed, from: nil))
    }

    /// Seeds named by member name wait until the operator's log names them.
    private func resolveSeeds() {
        guard !pendingSeeds.isEmpty else { return }
        var still: [PeerSeed] = []
        for seed in pendingSeeds {
            if let id = seed.resolve(in: log), id != me {
                machine.learned(PeerInfo(id: id, address: seed.address))
            } else if seed.resolve(in: log) == nil {
                still.append(seed)
            }
        }
        pendingSeeds = still
    }
}
