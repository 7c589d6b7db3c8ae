import Crypto
import Foundation
import Logging
import Metrics
import MibaraiCore
import MibaraiNode
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
    let dial: AsyncStream<PeerInfo>.Continuation
    let signer: Curve25519.Signing.PrivateKey
    let sealingKey: Curve25519.KeyAgreement.PrivateKey?
    let database: AppDatabase
    let gate: MemberGateBox
    let logger: Logger
    let name: String
    let onEpochKey: @Sendable (EpochKey) throws -> Void
    var log: FederationLog
    var machine: GossipStateMachine
    var ownPublished: [ReportID: BlindedRecord]
    var links: [NodeID: Link] = [:]
    var dialing: Set<NodeID> = []
    var pendingSeeds: [PeerSeed]
    /// Seeds already named in a notice for staying unresolved (``resolveSeeds()``).
    var warnedSeeds: Set<String> = []
    var warnedNotAdmitted = false
    /// Whether the node holds the end of its own log (``confirmOwnLog()``); until then it signs nothing.
    var isOwnLogConfirmed = false
    var confirming = false
    var warnedUnconfirmed = false
    var keysChecked = false
    var isShutDown = false
    /// The store's local change version when the node last read its own records and inbox
    /// (``ownChangesPending()``), whether something in this process changed them since, and when.
    var seenLocalVersion: Int64?
    var ownCheckDue = true
    var lastOwnCheck: Duration = .zero
    var random = SystemRandomNumberGenerator()
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    let dump: FileHandle?
    /// Entries from peers are written here, while the next delta is fetched and verified.
    let writer: LogWriter
    var pendingWrites = 0
    /// Peers whose next pull waits for the writer (entries taken from their last delta).
    var resumeAfterWrite: [NodeID: Int] = [:]
    /// A hub's lookup quotas (nil on a shop): fed the log's limits and other hubs' usage.
    let quotas: HubQuotas?
    var lastUsagePublished: Duration = .zero
    /// Hears each `policy` entry the log takes (the screening API then asks the hubs, or stops).
    let onPolicy: @Sendable (FederationPolicy) -> Void

    /// Rebuilds the log from the database. `onEpochKey` receives each epoch key sealed to this
    /// node as its entry arrives (the caller installs it).
    public init(
        configuration: Configuration, operator op: NodeID, signer: Curve25519.Signing.PrivateKey,
        sealingKey: Curve25519.KeyAgreement.PrivateKey?, database: AppDatabase, gate: MemberGateBox, logger: Logger,
        quotas: HubQuotas? = nil,
        onPolicy: @escaping @Sendable (FederationPolicy) -> Void = { _ in },
        onEpochKey: @escaping @Sendable (EpochKey) throws -> Void = { _ in }
    ) throws {
        self.quotas = quotas
        self.onPolicy = onPolicy
        me = NodeID(publicKey: signer.publicKey)
        self.signer = signer
        self.sealingKey = sealingKey
        self.database = database
        self.gate = gate
        self.logger = logger
        self.onEpochKey = onEpochKey
        name = configuration.name
        var log = try Self.load(operator: op, limits: configuration.gossip.limits, from: database, logger: logger)
        let myID = NodeID(publicKey: signer.publicKey)
        if !ReplicaScope.holdsReplica(policy: log.policy, role: log.members[myID]?.role),
           log.vector.origins.contains(where: { $0 != op && $0 != myID }) {
            // A shop that stopped before erasing what the policy says it must not hold.
            _ = try database.dropOtherOrigins(keeping: [op, myID], ownName: configuration.name)
            try database.truncateWAL()
            log = try Self.load(operator: op, limits: configuration.gossip.limits, from: database, logger: logger)
        }
        self.log = log
        ownPublished = try log.publishedRecords(of: me)
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

    /// The log as the database holds it, read back entry by entry: the log keeps the operator's
    /// state and each origin's head in memory and reads the rest from the file when asked
    /// (`StoredLogArchive`), so a hub's memory does not grow with the records it holds. The bytes
    /// were verified before they were written; an entry that no longer decodes or fits (limits
    /// changed) is skipped with a notice.
    static func load(operator op: NodeID, limits: FederationLimits, from database: AppDatabase, logger: Logger) throws -> FederationLog {
        var log = FederationLog(operator: op, limits: limits, archive: StoredLogArchive(database: database, limits: limits))
        var unreadable = 0
        var refused = 0
        try database.forEachLogEntry(operator: op) { bytes in
            guard let e = try? LogEntry(decoding: bytes, limits: limits) else {
                unreadable += 1
                return
            }
            do throws(EntryRefusal) { try log.restore(e) } catch { refused += 1 }
        }
        log.finishRestore()
        if unreadable + refused > 0 {
            logger.notice("gossip: held entries left out of the log", metadata: ["unreadable": "\(unreadable)", "refused": "\(refused)"])
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
            loadQuotas()
        }
        publishUsage()
        if ownChangesPending() {
            takeInbox()
            publishOwnChanges()
        }
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
    func attached(_ peer: NodeID, link: Int, outbound: Bool, outbox: PeerOutbox, greeted: Bool) -> Bool {
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
        machine.limit(peer, to: scope(for: peer))
        return true
    }

    func received(_ frame: ByteBuffer, from peer: NodeID, link: Int) {
        guard links[peer]?.id == link else { return }
        let bytes = Array(buffer: frame)
        if let dump {
            var length = UInt32(bytes.count).bigEndian
            dump.write(Data(bytes: &length, count: 4) + Data(bytes))
        }
        perform(machine.received(frame: bytes, from: peer, now: now, source: log))
    }

    func detached(_ peer: NodeID, link: Int) {
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

    var now: Duration { clock.now - started }

    func perform(_ actions: [GossipAction]) {
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

    /// Ends the link to `peer` on this side: its connection closes, and the state machine forgets
    /// it, with any pull from it that had not ended (a catch-up cut off mid-way is left to the
    /// writer's stall delay).
    func closeLink(to peer: NodeID) {
        forgetLink(to: peer)?.outbox.close()
    }

    /// Drops the link to `peer` without closing its connection; returns it.
    @discardableResult
    func forgetLink(to peer: NodeID) -> Link? {
        machine.disconnected(peer)
        return links.removeValue(forKey: peer)
    }

}
