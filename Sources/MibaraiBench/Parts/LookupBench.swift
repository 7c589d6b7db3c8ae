import Foundation
import GRDB
import MibaraiCore
import MibaraiStore

/// Parts 2 and 3: a real SQLite file of blinded records, filled through `AppDatabase.store(_:)`,
/// looked up through `AppDatabase.candidates(for:)`, against GRDB's raw indexed select on the
/// same file; and the file's bytes per record.
struct LookupBench {
    let options: BenchOptions
    let synthetic: SyntheticIdentities
    let blinder: Blinder

    struct Sizes {
        var databaseBytes: Int
        var walBytes: Int
        var total: Int { databaseBytes + walBytes }
    }

    /// One way of looking up one mix of queries.
    struct Run {
        var lookups: Int
        var seconds: Double
        var latencies: Latencies?
        var rate: Double { Double(lookups) / seconds }
    }

    struct Mix {
        var name: String
        var hitShare: Double        // share of queries made from stored identities
        var observedHits: Double    // share of queries that had at least one candidate
        var tokensPerQuery: Double
        var single: Run             // candidates(for: [q]) per identity
        var batched: Run            // candidates(for: batch)
        var raw: Run                // raw select per token, one read transaction for all
        var rawPerTransaction: Run  // raw select per token, one read transaction per identity
        var singleFiltered: Run     // candidates(for: [q], prefilter:) per identity
        var batchedFiltered: Run    // candidates(for: batch, prefilter:)
    }

    struct Result {
        var records: Int
        var tokens: Int
        var payloadBytes: Int
        var loadSeconds: Double
        var generateSeconds: Double
        var afterLoad: Sizes
        var afterCheckpoint: Sizes
        var mixes: [Mix]
        var prefixLoadSeconds: Double
        var prefixCount: Int
        var loadRate: Double { Double(records) / loadSeconds }
        var bytesPerRecord: Double { Double(afterCheckpoint.total) / Double(records) }
        var payloadPerRecord: Double { Double(payloadBytes) / Double(records) }
    }

    static let origins = (1...40).map { "node-\($0)" }

    func run(log: (String) -> Void) throws -> Result {
        let fm = FileManager.default
        let dir: URL
        if let d = options.directory {
            dir = URL(fileURLWithPath: d, isDirectory: true)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } else {
            dir = fm.temporaryDirectory.appendingPathComponent("mibarai-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        let path = dir.appendingPathComponent("bench.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
        defer {
            if !options.keep {
                for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
                if options.directory == nil { try? fm.removeItem(at: dir) }
            }
        }
        log("part 2: database \(path)\(options.keep ? " (kept)" : " (removed at the end)")")

        let db = try AppDatabase(path: path)

        // Load.
        let n = options.records
        var loadSeconds = 0.0, genSeconds = 0.0
        var tokens = 0, payload = 0
        var nextReport = max(n / 10, 1)
        let total = Stopwatch()
        var start = 0
        while start < n {
            let end = min(start + options.loadBatch, n)
            let (batch, g) = Stopwatch.time { (start..<end).map(record(_:)) }
            genSeconds += g
            for r in batch {
                tokens += r.tokens.count
                payload += Self.payloadBytes(r)
            }
            let (_, s) = try Stopwatch.time { try db.store(batch) }
            loadSeconds += s
            start = end
            if start >= nextReport || start == n {
                log(String(format: "part 2: loaded %d/%d records, %.0f records/s in store(_:), %.0f s elapsed",
                           start, n, Double(start) / loadSeconds, total.elapsedSeconds))
                nextReport += max(n / 10, 1)
            }
        }
        let count = try db.blindedRecordCount()
        guard count == n else { throw BenchError("expected \(n) stored records, found \(count)") }

        let afterLoad = Self.sizes(path)
        // A second connection, straight GRDB: the checkpoint, and the raw baseline below.
        var config = Configuration()
        config.busyMode = .timeout(10)
        let raw = try DatabaseQueue(path: path, configuration: config)
        try raw.writeWithoutTransaction { d in
            if let row = try Row.fetchOne(d, sql: "PRAGMA wal_checkpoint(TRUNCATE)"), (row[0] as Int) != 0 {
                log("part 3: warning: the WAL checkpoint was busy; the WAL size is included as it is")
            }
        }
        let afterCheckpoint = Self.sizes(path)

        // The in-memory token index a long-running node keeps for its lookups.
        let (prefixes, prefixSeconds) = try Stopwatch.time { try db.tokenIndex() }
        log(String(format: "part 2: in-memory token index: %d entries read in %.2f s", prefixes.count, prefixSeconds))

        // Lookups.
        let mixes = [("hit-heavy", 0.9, UInt64(11)), ("miss-heavy", 0.1, UInt64(12))]
        var results: [Mix] = []
        for (name, share, stream) in mixes {
            log("part 2: \(name) mix (\(Int(share * 100))% of queries from stored identities), \(options.lookups) lookups")
            let queries = makeQueries(count: options.lookups, hitShare: share, stream: stream)
            results.append(try measure(name: name, hitShare: share, queries: queries, db: db, raw: raw, prefixes: prefixes, log: log))
        }
        return Result(
            records: n, tokens: tokens, payloadBytes: payload, loadSeconds: loadSeconds, generateSeconds: genSeconds,
            afterLoad: afterLoad, afterCheckpoint: afterCheckpoint, mixes: results,
            prefixLoadSeconds: prefixSeconds, prefixCount: prefixes.count
        )
    }

    // MARK: inputs

    /// Stored record `i`: the tokens of synthetic person `i`, with random metadata.
    func record(_ i: Int) -> BlindedRecord {
        var r = SplitMix64(seed: synthetic.seed, stream: 3, index: UInt64(i))
        let month = 1 + r.below(12)
        let expires = LocalDate(year: 2027 + r.below(5), month: month, day: 1 + r.below(28))!
        return BlindedRecord(
            id: ReportID(using: &r), origin: r.pick(Self.origins), epoch: blinder.epoch,
            category: r.pick(ReportCategory.allCases), amountYen: 500 + r.below(200_000),
            month: "2025-\(month < 10 ? "0" : "")\(month)", status: r.pick([.open, .open, .open, .paid, .settled, .disputed]),
            expiresOn: expires, tokens: blinder.tokens(for: synthetic.normalized(i))
        )
    }

    /// Query tokens: a stored person (a hit) with probability `hitShare`, else a person never stored.
    func makeQueries(count: Int, hitShare: Double, stream: UInt64) -> [[BlindToken]] {
        var r = SplitMix64(seed: synthetic.seed, stream: stream, index: 0)
        let fresh = options.records + Int(stream) * 10_000_000
        return (0..<count).map { j in
            let person = r.chance(hitShare) ? r.below(options.records) : fresh + j
            return blinder.tokens(for: synthetic.normalized(person))
        }
    }

    /// What a record carries without any storage overhead: its metadata fields at their natural
    /// widths, and 16 bytes per token.
    static func payloadBytes(_ r: BlindedRecord) -> Int {
        16 /* id */ + r.origin.utf8.count + 4 /* epoch */ + 1 /* category */ + 8 /* amount */
            + r.month.utf8.count + 1 /* status */ + 10 /* expiry, YYYY-MM-DD */ + 16 * r.tokens.count
    }

    static func sizes(_ path: String) -> Sizes {
        func size(_ p: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? NSNumber)?.intValue ?? 0
        }
        return Sizes(databaseBytes: size(path), walBytes: size(path + "-wal"))
    }

    // MARK: measuring

    func measure(
        name: String, hitShare: Double, queries: [[BlindToken]], db: AppDatabase, raw: DatabaseQueue,
        prefixes: TokenIndex, log: (String) -> Void
    ) throws -> Mix {
        let clock = Stopwatch.clock
        let warm = Array(queries.prefix(1_000))
        var sink = 0

        // Store, one identity per call.
        _ = try db.candidates(for: warm)
        for q in warm { sink &+= try db.candidates(for: [q]).count }
        var lat: [Double] = []
        lat.reserveCapacity(queries.count)
        var hits = 0
        let t0 = clock.now
        for q in queries {
            let a = clock.now
            let found = try db.candidates(for: [q])
            lat.append(Stopwatch.nanoseconds(clock.now - a))
            if !found[0].isEmpty { hits += 1 }
        }
        let single = Run(lookups: queries.count, seconds: Stopwatch.seconds(clock.now - t0), latencies: Latencies(lat))
        log(String(format: "part 2: %@ single: %.0f lookups/s", name, single.rate))

        // Store, batches per call.
        let b0 = clock.now
        var start = 0
        while start < queries.count {
            let end = min(start + options.batch, queries.count)
            sink &+= try db.candidates(for: Array(queries[start..<end])).count
            start = end
        }
        let batched = Run(lookups: queries.count, seconds: Stopwatch.seconds(clock.now - b0), latencies: nil)
        log(String(format: "part 2: %@ batched: %.0f lookups/s", name, batched.rate))

        // Store with the in-memory token index: misses never reach SQLite.
        var fLat: [Double] = []
        fLat.reserveCapacity(queries.count)
        let f0 = clock.now
        for q in queries {
            let a = clock.now
            sink &+= try db.candidates(for: [q], index: prefixes)[0].count
            fLat.append(Stopwatch.nanoseconds(clock.now - a))
        }
        let singleFiltered = Run(lookups: queries.count, seconds: Stopwatch.seconds(clock.now - f0), latencies: Latencies(fLat))
        log(String(format: "part 2: %@ single with memory index: %.0f lookups/s", name, singleFiltered.rate))
        let g0 = clock.now
        start = 0
        while start < queries.count {
            let end = min(start + options.batch, queries.count)
            sink &+= try db.candidates(for: Array(queries[start..<end]), index: prefixes).count
            start = end
        }
        let batchedFiltered = Run(lookups: queries.count, seconds: Stopwatch.seconds(clock.now - g0), latencies: nil)
        log(String(format: "part 2: %@ batched with memory index: %.0f lookups/s", name, batchedFiltered.rate))

        // Baseline: the raw indexed select per token, prepared once, one read transaction.
        let sql = "SELECT record FROM blinded_token WHERE token = ?"
        var rawLat: [Double] = []
        rawLat.reserveCapacity(queries.count)
        let rawSeconds: Double = try raw.read { d in
            let stmt = try d.makeStatement(sql: sql)
            for q in warm { for t in q { sink &+= try Int64.fetchAll(stmt, arguments: [Int64(bitPattern: t.value.high)]).count } }
            let r0 = clock.now
            for q in queries {
                let a = clock.now
                for t in q { sink &+= try Int64.fetchAll(stmt, arguments: [Int64(bitPattern: t.value.high)]).count }
                rawLat.append(Stopwatch.nanoseconds(clock.now - a))
            }
            return Stopwatch.seconds(clock.now - r0)
        }
        let rawRun = Run(lookups: queries.count, seconds: rawSeconds, latencies: Latencies(rawLat))
        log(String(format: "part 2: %@ raw select baseline: %.0f lookups/s", name, rawRun.rate))

        // Diagnostic: the same raw select, one read transaction per identity (what a single-identity
        // call to the store pays at the least).
        var txLat: [Double] = []
        txLat.reserveCapacity(queries.count)
        let x0 = clock.now
        for q in queries {
            let a = clock.now
            try raw.read { d in
                let stmt = try d.cachedStatement(sql: sql)
                for t in q { sink &+= try Int64.fetchAll(stmt, arguments: [Int64(bitPattern: t.value.high)]).count }
            }
            txLat.append(Stopwatch.nanoseconds(clock.now - a))
        }
        let perTx = Run(lookups: queries.count, seconds: Stopwatch.seconds(clock.now - x0), latencies: Latencies(txLat))
        Sink.consume(sink)

        return Mix(
            name: name, hitShare: hitShare, observedHits: Double(hits) / Double(queries.count),
            tokensPerQuery: Double(queries.reduce(0) { $0 + $1.count }) / Double(queries.count),
            single: single, batched: batched, raw: rawRun, rawPerTransaction: perTx,
            singleFiltered: singleFiltered, batchedFiltered: batchedFiltered
        )
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
