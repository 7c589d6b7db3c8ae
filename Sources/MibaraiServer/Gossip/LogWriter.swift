import Foundation
import Logging
import Metrics
import MibaraiCore
import MibaraiStore

/// Writes verified log entries on a thread of its own, in the order they were handed over, so a
/// node can fetch and verify the next delta while the last one is written. Batches that wait
/// together go into one transaction. `onWritten` hears of each batch once its transaction ended.
///
/// While the node catches up (its batches come from full deltas), the entries are written and the
/// record changes they carry only noted (`saveLogEntries(…, stage: true)`); the noted changes are
/// applied many at a time: every `applyEvery` entries or `Delays.maxNoteAge`, whichever comes first,
/// at once when the node says the catch-up is over (`catchUpEnded`: the peer's last answer held
/// everything it had), `Delays.idle` after the last batch when that one was not from a full delta,
/// or `Delays.stall` after it when it was (the peer went away mid-way). Other batches are
/// noted too while changes wait and the last full delta is less than `Delays.stall` old: a peer's
/// own exchange with this node hands it entries between two full deltas, and applying on each of
/// those would cost as much as the catch-up.
final class LogWriter: @unchecked Sendable {
    struct Batch: Sendable {
        var entries: [LogEntry]
        var proofs: [EquivocationProof]
        /// Origins' member names, for the records the entries publish.
        var names: [NodeID: String]
        /// The peer the entries came from.
        var peer: NodeID
        /// The entries came from a full delta: more follow at once.
        var catchingUp = false
    }

    /// Batches written in one transaction at most: fewer, larger transactions change each page of
    /// the record table and token index fewer times.
    static let maxBatchesPerTransaction = 16
    /// Noted record changes are applied at least this often (entries). Each apply rewrites most
    /// pages of the record table and token index it adds to, so fewer, larger applies cost less
    /// (a node pulling a million entries applies them once, into an empty table). One apply holds
    /// 16 bytes per token of the records it adds: about 80 MB for a million records of five
    /// tokens, at most 512 MB if every record carried the 32 tokens an entry may.
    static let applyEvery = 1_048_576

    /// How long noted changes wait before the writer applies them on its own.
    struct Delays: Sendable {
        /// At least this often (time since the oldest waiting note) whatever else happens: status
        /// changes and withdrawals wait with the rest, and a lookup must not see a withdrawn
        /// record for long.
        var maxNoteAge: DispatchTimeInterval
        /// Once no more have been noted for this long after a batch that was not from a full delta.
        var idle: DispatchTimeInterval
        /// … and for this long after a full delta's batch: more was due at once, but a pause of
        /// the node (a large dictionary growing, a slow disk) must not start an apply in mid
        /// catch-up.
        var stall: DispatchTimeInterval

        static let standard = Delays(maxNoteAge: .seconds(60), idle: .seconds(1), stall: .seconds(30))
    }

    private let database: AppDatabase
    private let me: NodeID
    private let logger: Logger
    private let queue = DispatchQueue(label: "mibarai.gossip.log-writer")
    private let lock = NSLock()
    // Guarded by `lock`.
    private var waiting: [Batch] = []
    private var running = false
    private var onWritten: @Sendable ([Batch], StoreError?) -> Void = { _, _ in }
    // Used on `queue` only.
    private var noted = 0
    private var firstNoted: DispatchTime?
    private var lastNoted = DispatchTime.now()
    private var lastCatchingUp: DispatchTime?
    private var lastBatchCatchingUp = false
    /// The catch-up ended while batches still waited: apply once they are written.
    private var applyWhenDrained = false
    /// Seconds spent writing noted batches since the last apply (how busy the writer was while
    /// catching up), for the apply's log line.
    private var notingSeconds = 0.0

    /// `.standard` in a node; tests that must not see the timers fire give longer ones.
    private let delays: Delays

    init(database: AppDatabase, me: NodeID, logger: Logger, delays: Delays = .standard) {
        self.delays = delays
        self.database = database
        self.me = me
        self.logger = logger
    }

    /// Set once, before the first batch.
    func whenWritten(_ body: @escaping @Sendable ([Batch], StoreError?) -> Void) {
        lock.lock()
        onWritten = body
        lock.unlock()
    }

    func enqueue(_ batch: Batch) {
        lock.lock()
        waiting.append(batch)
        let start = !running
        running = true
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    /// Returns once every batch handed over before the call is written.
    func flush() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in queue.async { c.resume() } }
    }

    /// Applies the record changes noted so far, after the batches handed over before the call;
    /// returns when that is done.
    func applyNoted() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            queue.async {
                if self.noted > 0 { self.apply() }
                c.resume()
            }
        }
    }

    /// Applies record changes noted before a restart (the node stopped while catching up).
    func applyNotedChanges() {
        queue.async { self.apply() }
    }

    /// Every peer this node was catching up from has answered with everything it holds: the
    /// noted changes are applied as soon as no batch waits (the batches handed over before this
    /// call, and any that came in meanwhile, are written first), without waiting for `Delays.idle`
    /// (or `Delays.stall`, when the last delta was exactly full).
    func catchUpEnded() {
        queue.async {
            guard self.noted > 0 else { return }
            self.lock.lock()
            let busy = self.running
            self.lock.unlock()
            if busy { self.applyWhenDrained = true } else { self.apply() }
        }
    }

    private func drain() {
        while true {
            lock.lock()
            let batches = Array(waiting.prefix(Self.maxBatchesPerTransaction))
            waiting.removeFirst(batches.count)
            if batches.isEmpty { running = false }
            let done = onWritten
            lock.unlock()
            guard !batches.isEmpty else {
                if applyWhenDrained {
                    applyWhenDrained = false
                    if noted > 0 { apply() }
                }
                return
            }
            var entries: [LogEntry] = [], proofs: [EquivocationProof] = [], names: [NodeID: String] = [:]
            for b in batches {
                entries += b.entries
                proofs += b.proofs
                names.merge(b.names) { a, _ in a }
            }
            let now = DispatchTime.now()
            let catchingUp = batches.contains(where: \.catchingUp)
            lastBatchCatchingUp = batches.last!.catchingUp
            if catchingUp { lastCatchingUp = now }
            let stage = catchingUp || (noted > 0 && lastCatchingUp.map { now < $0 + delays.stall } ?? false)
            var failure: StoreError?
            do {
                try database.saveLogEntries(entries, proofs: proofs, me: me, names: names, stage: stage)
            } catch {
                failure = error
            }
            if stage { notingSeconds += Double(DispatchTime.now().uptimeNanoseconds - now.uptimeNanoseconds) / 1e9 }
            done(batches, failure)
            if failure == nil && stage {
                noted += entries.count
                if firstNoted == nil { firstNoted = now }
                lastNoted = now
                Self.waitingChanges.record(noted)
                if noted >= Self.applyEvery || now >= (firstNoted ?? now) + delays.maxNoteAge {
                    apply()
                } else {
                    queue.asyncAfter(deadline: .now() + wait) { self.applyIfIdle() }
                }
            } else if failure == nil && noted > 0 {
                // saveLogEntries applied them first when the batch held another origin's entries;
                // this applies them otherwise (a no-op after that).
                apply()
            }
        }
    }

    /// How long after the last noted batch the noted changes are applied.
    private var wait: DispatchTimeInterval { lastBatchCatchingUp ? delays.stall : delays.idle }

    /// On `queue`: applies the noted changes unless more were noted within `wait` or batches
    /// wait (the drain that takes them decides).
    private func applyIfIdle() {
        guard noted > 0, DispatchTime.now() >= lastNoted + wait else { return }
        lock.lock()
        let busy = running
        lock.unlock()
        guard !busy else { return }
        apply()
    }

    /// On `queue`. On failure the notes stay and another try follows `Delays.stall` later.
    private func apply() {
        do {
            let started = DispatchTime.now()
            let count = try database.applyPendingRecordChanges()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            let since = firstNoted.map { Double(started.uptimeNanoseconds - $0.uptimeNanoseconds) / 1e9 } ?? 0
            noted = 0
            firstNoted = nil
            Self.waitingChanges.record(0)
            if count > 0 {
                logger.notice("gossip: applied the record changes noted while catching up", metadata: [
                    "count": "\(count)", "seconds": "\(String(format: "%.2f", seconds))",
                    "writing_seconds": "\(String(format: "%.2f", notingSeconds))", "noting_for_seconds": "\(String(format: "%.2f", since))",
                ])
            }
            notingSeconds = 0
        } catch {
            logger.error("gossip: cannot apply the record changes noted while catching up", metadata: ["error": "\(error.message.en)"])
            noted = max(noted, 1)  // something waits, whatever the count was
            lastNoted = .now()
            lastBatchCatchingUp = true
            queue.asyncAfter(deadline: .now() + delays.stall) { self.applyIfIdle() }
        }
    }

    /// Record changes received and not yet applied (a count, no values).
    static let waitingChanges = Gauge(label: "mibarai_gossip_record_changes_waiting")
}
