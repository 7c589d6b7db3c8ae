import Crypto
import Foundation
import Logging
import Metrics
import MibaraiCore
import MibaraiStore
import NIOCore


/// Storing what peers and the node itself send: verify, append, write in the background, pass on.
extension GossipNode {
    /// Verifies and keeps entries; `from: nil` for entries a command handed over. Returns how many
    /// went in. Refusals are answered at once (a peer that forwards forgeries is cut off now).
    /// Entries from a peer go to the writer and are passed on to other peers only once written
    /// (`written`); the next delta can be fetched and verified meanwhile. They are in the log in
    /// memory at once, so a peer that asks may be served them before they are written, as after a
    /// failed write: they are their origins' signed entries, and if lost this node fetches them
    /// again. This node's own entries are sent only once saved (`publishOwnChanges`). A command's
    /// entries are written here, before anything else happens.
    @discardableResult
    func store(_ entries: [LogEntry], from peer: NodeID?) -> Int {
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
        if !accepted.isEmpty {
            operatorChanges(in: accepted)
            noteUsage(in: accepted)
        }
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
    func written(_ batches: [LogWriter.Batch], failure: StoreError?) {
        pendingWrites -= batches.count
        Self.held.record(log.entryCount)
        Self.inMemory.record(log.entriesInMemory)
        if let failure {
            logger.error("gossip: cannot save entries", metadata: ["error": "\(failure.message.en)"])
        } else {
            for b in batches { log.archived(b.entries) }
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

    /// Stored entries and new proofs go on to the other peers.
    func passOn(_ accepted: [LogEntry], proofs: [EquivocationProof], from peer: NodeID?) {
        if !accepted.isEmpty {
            Self.stored.increment(by: accepted.count)
            logger.info("gossip: stored entries", metadata: ["from": "\(peer.map { log.name(of: $0) } ?? "inbox")", "count": "\(accepted.count)"])
        }
        perform(machine.stored(accepted: accepted, newProofs: proofs, from: peer, source: log))
    }

    /// Appends in order. A large batch (a node catching up) is checked by runs
    /// (`FederationLog.runEnds`): when it holds many, their last entries' signatures are checked on
    /// every core first and the log takes those results.
    func append(_ entries: [LogEntry]) -> (accepted: [LogEntry], refused: [(entry: LogEntry, reason: EntryRefusal)]) {
        let ends = FederationLog.runEnds(of: entries)
        guard ends.count >= 64 else { return log.append(contentsOf: entries) }
        let valid = SignatureCheck.parallel(ends.map { entries[$0] })
        return log.append(contentsOf: entries, checkedRunEnds: Dictionary(uniqueKeysWithValues: zip(ends, valid)))
    }

    func names(of entries: [LogEntry]) -> [NodeID: String] {
        var names: [NodeID: String] = [:]
        for e in entries where names[e.origin] == nil { names[e.origin] = log.name(of: e.origin) }
        return names
    }

    // Metrics: counts only, never a name or a value (Prometheus text on the API's /metrics).
    static let stored = Counter(label: "mibarai_gossip_entries_stored_total")
    static let published = Counter(label: "mibarai_gossip_entries_published_total")
    static let connections = Gauge(label: "mibarai_gossip_connections")
    static let held = Gauge(label: "mibarai_log_entries")
    /// Entries kept in memory: each origin's last and those not yet written (`FederationLog+Archive`).
    static let inMemory = Gauge(label: "mibarai_log_entries_in_memory")

    /// Writes entries and proofs; false (logged) if the database refused.
    @discardableResult
    func save(_ accepted: [LogEntry], proofs: [EquivocationProof]) -> Bool {
        defer {
            Self.held.record(log.entryCount)
            Self.inMemory.record(log.entriesInMemory)
        }
        do {
            try database.saveLogEntries(accepted, proofs: proofs, me: me, names: names(of: accepted))
            log.archived(accepted)
            return true
        } catch {
            // Others' entries stay in the log in memory and are served to peers; the next start
            // rebuilds from the file and fetches them again.
            logger.error("gossip: cannot save entries", metadata: ["error": "\(error.message.en)"])
            return false
        }
    }
}
