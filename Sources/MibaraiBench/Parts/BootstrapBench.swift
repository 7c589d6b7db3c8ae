import Crypto
import Foundation
import GRDB
import MibaraiCore
import MibaraiStore

/// Part 7: a new node bootstraps from a hub holding `records` signed publish entries, both real
/// `mibarai serve` processes on loopback. Baselines from the same entries in the same run:
/// `saveLogEntries` into a fresh SQLite file (the hub's, filled before it starts) and Ed25519
/// verification on one core and on all cores.
struct BootstrapBench {
    struct Result {
        var records = 0
        var origins = 0
        var generateSeconds = 0.0
        var verifySample = 0
        var verifyOneCoreRate = 0.0
        var verifyAllCoresRate = 0.0
        var insertSeconds = 0.0
        var rawInsertRate = 0.0
        var hubStartSeconds = 0.0
        var target = 0
        /// Until the newcomer held every entry; `bootstrapSeconds` goes on until every record is findable.
        var allEntriesSeconds = 0.0
        var bootstrapSeconds = 0.0
        var firstEntrySeconds = 0.0
        var newcomerRecords = 0
        var hubCPUSeconds = 0.0
        var newcomerCPUSeconds = 0.0
        var entryBytes = 0.0
        /// The store's catch-up path alone (no gossip, no verification): the entries noted
        /// (`saveLogEntries(…, stage: true)`, same batches) into a fresh file, then applied.
        /// Resident memory (bytes): a member node that holds nothing but the operator's log, the
        /// hub once started and after serving the bootstrap, the newcomer at the end; peaks too.
        var emptyNodeResident = 0.0
        var hubResidentAtStart = 0.0
        var hubResident = 0.0
        var hubPeak = 0.0
        var newcomerResident = 0.0
        var newcomerPeak = 0.0
        var hubAnonymous = 0.0
        var newcomerAnonymous = 0.0
        /// The newcomer's file after a clean stop: the database and what is left of its WAL.
        var newcomerFileBytes = 0.0
        var newcomerWALBytes = 0.0
        var notedSeconds = 0.0
        var applySeconds = 0.0

        var bootstrapRate: Double { Double(records) / bootstrapSeconds }
        var insertRate: Double { Double(records) / insertSeconds }
    }

    static let deltaBatch = 1_024

    let federation: BenchFederation
    let records: Int
    let seed: UInt64
    /// Stop after the baselines, before any process starts (`MIBARAI_BENCH_APPLY_ONLY=1`), to time
    /// the store's catch-up path alone while working on it.
    var applyOnly: Bool { ProcessInfo.processInfo.environment["MIBARAI_BENCH_APPLY_ONLY"] == "1" }

    /// Signs `records` publish entries, each origin's chain on its own, the chains in parallel.
    func generate(log: (String) -> Void) throws -> [LogEntry] {
        let names = federation.originNames
        let signers = try names.map { try federation.signer($0) }
        let per = (0..<names.count).map { records / names.count + ($0 < records % names.count ? 1 : 0) }
        let chains = UnsafeMutableBufferPointer<[LogEntry]>.allocate(capacity: names.count)
        chains.initialize(repeating: [])
        defer { chains.deinitialize(); chains.deallocate() }
        nonisolated(unsafe) let out = chains
        let failures = Failures()
        let seed = self.seed
        DispatchQueue.concurrentPerform(iterations: names.count) { o in
            var rng = SplitMix64(seed: seed, stream: 70, index: UInt64(o))
            var chain: [LogEntry] = []
            chain.reserveCapacity(per[o])
            var previous = EntryHash.zero
            let expires = LocalDate(year: 2031, month: 10, day: 1)!
            for seq in 1...UInt64(per[o]) {
                let body = LogBody.publish(RecordPublication(
                    id: ReportID(using: &rng), epoch: 1, category: .nonPayment, amountYen: 1_000 + rng.below(50_000),
                    year: 2026, month: 1 + rng.below(10), status: .open, expiresOn: expires,
                    tokens: TokenType.allCases.map { BlindToken(type: $0, value: TokenValue(high: rng.next(), low: rng.next())) }))
                do {
                    let e = try LogEntry.make(signer: signers[o], seq: seq, previous: previous, body: body)
                    previous = e.hash
                    chain.append(e)
                } catch {
                    failures.add("\(error)")
                    return
                }
            }
            out[o] = chain
        }
        if let f = failures.first { throw BenchError("cannot sign entries: \(f)") }
        return chains.flatMap { $0 }
    }

    /// Ed25519 checks per second over `sample` entries, as a node makes them (`hasValidSignature()`).
    static func verifyRates(_ entries: ArraySlice<LogEntry>) -> (one: Double, all: Double) {
        let sample = Array(entries)
        let (okOne, one) = Stopwatch.time { sample.allSatisfy { $0.hasValidSignature() } }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let chunk = (sample.count + workers - 1) / workers
        let bad = Failures()
        let (_, all) = Stopwatch.time {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in (w * chunk)..<min((w + 1) * chunk, sample.count) where !sample[i].hasValidSignature() { bad.add("bad signature") }
            }
        }
        precondition(okOne && bad.first == nil, "a generated entry failed verification")
        return (Double(sample.count) / one, Double(sample.count) / all)
    }

    /// Entries per second into a bare table of a fresh file in WAL mode, (origin, seq, entry) as
    /// `log_entry`, `deltaBatch` per transaction through one prepared statement: what storing the
    /// bytes alone costs, without the record rows and token index.
    static func rawInsertRate(_ entries: [LogEntry], path: String) throws -> Double {
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let db = try DatabasePool(path: path)
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE raw_entry (origin BLOB NOT NULL, seq INTEGER NOT NULL, entry BLOB NOT NULL,
                    PRIMARY KEY (origin, seq)) STRICT, WITHOUT ROWID
                """)
        }
        let sw = Stopwatch()
        var i = 0
        while i < entries.count {
            let end = min(i + deltaBatch, entries.count)
            try db.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO raw_entry (origin, seq, entry) VALUES (?, ?, ?)")
                for e in entries[i..<end] { try insert.execute(arguments: [Data(e.origin.bytes), Int64(e.seq), Data(e.encoded)]) }
            }
            i = end
        }
        return Double(entries.count) / sw.elapsedSeconds
    }

    /// The store's catch-up path without gossip or verification: `entries` noted into a fresh file,
    /// `deltaBatch` per call, then the noted changes applied in one call. Returns the seconds of
    /// each step.
    static func notedThenApplied(_ entries: [LogEntry], me: NodeID, names: [NodeID: String], path: String) throws -> (noted: Double, apply: Double) {
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let db = try AppDatabase(path: path)
        let (_, noted) = try Stopwatch.time {
            var i = 0
            while i < entries.count {
                let end = min(i + deltaBatch, entries.count)
                try db.saveLogEntries(Array(entries[i..<end]), me: me, names: names, stage: true)
                i = end
            }
        }
        let (applied, apply) = try Stopwatch.time { try db.applyPendingRecordChanges() }
        let records = try db.blindedRecordCount()
        guard applied == entries.count, records == entries.count else {
            throw BenchError("part 7: the noted path applied \(applied) changes and holds \(records) records of \(entries.count)")
        }
        return (noted, apply)
    }

    static func count(_ db: DatabaseQueue, _ table: String) throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// Entries held, as the sum of each origin's highest seq (a node holds each origin's log
    /// contiguous from seq 1): one index seek per origin, where `count(*)` would read the whole
    /// table on every poll and take CPU from the nodes being measured.
    static func held(_ db: DatabaseQueue, origins: [Data]) throws -> Int {
        try db.read { db in
            let head = try db.cachedStatement(sql: "SELECT coalesce(max(seq), 0) FROM log_entry WHERE origin = ?")
            return try origins.reduce(0) { $0 + (try Int.fetchOne(head, arguments: [$1]) ?? 0) }
        }
    }

    static func readOnly(_ path: String) throws -> DatabaseQueue {
        var c = GRDB.Configuration()
        c.readonly = true
        return try DatabaseQueue(path: path, configuration: c)
    }

    /// Part 7 up to the newcomer holding what the hub holds. Returns the running hub (for part 8).
    func run(log: @escaping (String) -> Void) throws -> (Result, NodeProcess) {
        var r = Result()
        r.records = records
        r.origins = federation.originNames.count
        log("part 7: signing \(records) publish entries from \(r.origins) origins on all cores")
        let (entries, gen) = try Stopwatch.time { try generate(log: log) }
        r.generateSeconds = gen
        r.entryBytes = Double(entries.prefix(10_000).reduce(0) { $0 + $1.encoded.count }) / Double(min(entries.count, 10_000))
        log(String(format: "part 7: signed in %.1f s (%.0f entries/s); verifying a sample", gen, Double(records) / gen))

        r.verifySample = min(entries.count, 100_000)
        (r.verifyOneCoreRate, r.verifyAllCoresRate) = Self.verifyRates(entries.prefix(r.verifySample))
        log(String(format: "part 7: Ed25519 verify %.0f/s on one core, %.0f/s on all", r.verifyOneCoreRate, r.verifyAllCoresRate))

        r.rawInsertRate = try Self.rawInsertRate(entries, path: federation.path("raw-insert.sqlite"))
        log(String(format: "part 7: raw SQLite insert of the entries %.0f/s", r.rawInsertRate))

        // The hub's file: the operator's log from its join bundle, then every entry, 1,024 per
        // saveLogEntries call (one transaction each, as one gossip delta is stored).
        let hubID = try federation.nodeID(federation.hub)
        var names: [NodeID: String] = [:]
        for n in federation.originNames { names[try federation.nodeID(n)] = n }
        (r.notedSeconds, r.applySeconds) = try Self.notedThenApplied(entries, me: hubID, names: names, path: federation.path("noted.sqlite"))
        log(String(format: "part 7: the store's catch-up path alone: noted in %.1f s, applied in %.1f s (%.0f records/s together)",
                    r.notedSeconds, r.applySeconds, Double(records) / (r.notedSeconds + r.applySeconds)))
        if applyOnly { throw BenchError("part 7: stopped after the store baselines (MIBARAI_BENCH_APPLY_ONLY)") }
        do {
            let hubDB = try AppDatabase(path: federation.database(federation.hub))
            let operatorLog = try hubDB.takeInbox().map { try LogEntry(decoding: $0) }
            try hubDB.saveLogEntries(operatorLog, me: hubID, names: [:])
            log("part 7: writing the hub's file (baseline: saveLogEntries into a fresh file, \(Self.deltaBatch) per call)")
            let sw = Stopwatch()
            var i = 0
            while i < entries.count {
                let end = min(i + Self.deltaBatch, entries.count)
                try hubDB.saveLogEntries(Array(entries[i..<end]), me: hubID, names: names)
                i = end
            }
            r.insertSeconds = sw.elapsedSeconds
        }
        log(String(format: "part 7: hub file written in %.1f s (%.0f entries/s)", r.insertSeconds, r.insertRate))
        let hubFile = try Self.readOnly(federation.database(federation.hub))
        r.target = try Self.count(hubFile, "log_entry")
        let origins = try hubFile.read { try Data.fetchAll($0, sql: "SELECT DISTINCT origin FROM log_entry") }

        let hubStart = Stopwatch()
        let hub = try federation.serve(federation.hub)
        var handedOver = false
        defer { if !handedOver { hub.stop() } }
        let port = try hub.gossipPort(timeout: 600)
        r.hubStartSeconds = hubStart.elapsedSeconds
        log(String(format: "part 7: hub serving gossip on 127.0.0.1:%d after %.1f s (log of %d entries rebuilt from its file)", port, r.hubStartSeconds, r.target))

        r.hubResidentAtStart = hub.memory().resident
        // The baseline of the memory rows: a member's node that holds only the operator's log.
        do {
            let empty = try federation.serve(federation.originNames[0])
            defer { empty.stop() }
            _ = try empty.gossipPort(timeout: 60)
            r.emptyNodeResident = empty.memory().resident
        }
        log(String(format: "part 7: resident memory: hub %.0f MB after its start, a node holding nothing %.0f MB",
                   r.hubResidentAtStart / 1e6, r.emptyNodeResident / 1e6))

        let newcomerDB = try Self.readOnly(federation.database(federation.newcomer))
        let hubCPU0 = hub.cpuSeconds()
        let sw = Stopwatch()
        let newcomer = try federation.serve(federation.newcomer, peers: ["\(hubID)@127.0.0.1:\(port)"])
        defer { newcomer.stop() }
        // Fails only when the newcomer stops making progress for `stall` seconds.
        let stall = 120.0
        var lastLog = 0.0, lastProgress = 0.0
        var held = 0
        while held < r.target {
            Thread.sleep(forTimeInterval: 0.1)
            let now = try Self.held(newcomerDB, origins: origins)
            let t = sw.elapsedSeconds
            if now > held { lastProgress = t }
            held = now
            if r.firstEntrySeconds == 0 && held > 0 { r.firstEntrySeconds = t }
            if t - lastLog >= 5 {
                lastLog = t
                log(String(format: "part 7: newcomer holds %d of %d entries after %.0f s", held, r.target, t))
            }
            guard newcomer.process.isRunning, hub.process.isRunning else { throw BenchError("part 7: a node stopped; see \(newcomer.stderrPath)") }
            guard t - lastProgress < stall else {
                throw BenchError("part 7: newcomer stuck at \(held) of \(r.target) entries for \(Int(stall)) s (after \(Int(t)) s)")
            }
        }
        r.allEntriesSeconds = sw.elapsedSeconds
        // Held is not findable yet: the records count once the newcomer has applied the record
        // changes it noted while catching up.
        while try newcomerDB.read({ try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM log_pending)") }) == true {
            guard newcomer.process.isRunning, sw.elapsedSeconds - r.allEntriesSeconds < stall else {
                throw BenchError("part 7: newcomer did not apply its noted record changes; see \(newcomer.stderrPath)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        r.bootstrapSeconds = sw.elapsedSeconds
        let counted = try Self.count(newcomerDB, "log_entry")
        guard counted == r.target else { throw BenchError("part 7: newcomer's heads say \(held) entries, its table holds \(counted)") }
        r.newcomerCPUSeconds = newcomer.cpuSeconds()
        r.hubCPUSeconds = hub.cpuSeconds() - hubCPU0
        r.newcomerRecords = try Self.count(newcomerDB, "blinded_record")
        guard r.newcomerRecords == records else { throw BenchError("part 7: newcomer holds \(r.newcomerRecords) blinded records of \(records)") }
        log(String(format: "part 7: newcomer holds all %d entries after %.1f s, every record findable after %.1f s: %.0f records/s; %d blinded records; CPU s: newcomer %.1f, hub %.1f",
                   r.target, r.allEntriesSeconds, r.bootstrapSeconds, r.bootstrapRate, r.newcomerRecords, r.newcomerCPUSeconds, r.hubCPUSeconds))
        (r.hubResident, r.hubPeak, r.hubAnonymous) = hub.memory()
        (r.newcomerResident, r.newcomerPeak, r.newcomerAnonymous) = newcomer.memory()
        try newcomerDB.close()
        newcomer.stop()
        let file = federation.database(federation.newcomer)
        func size(_ p: String) -> Double {
            ((try? FileManager.default.attributesOfItem(atPath: p)[.size] as? NSNumber)?.doubleValue) ?? 0
        }
        r.newcomerFileBytes = size(file)
        r.newcomerWALBytes = size(file + "-wal")
        log(String(format: "part 7: resident memory now (peak, anonymous): hub %.0f MB (%.0f, %.0f), newcomer %.0f MB (%.0f, %.0f); newcomer's file after a clean stop %.0f B per record, WAL %.0f B",
                   r.hubResident / 1e6, r.hubPeak / 1e6, r.hubAnonymous / 1e6, r.newcomerResident / 1e6, r.newcomerPeak / 1e6, r.newcomerAnonymous / 1e6,
                   r.newcomerFileBytes / Double(records), r.newcomerWALBytes))
        handedOver = true
        return (r, hub)
    }
}

/// Errors collected from parallel work.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return items.first }
}
