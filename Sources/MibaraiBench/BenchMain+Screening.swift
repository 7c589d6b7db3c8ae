import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiStore

extension BenchMain {
    /// Parts 4 and 5 (`--screening`): a database of `--records` blinded records, a CSV file of
    /// `--orders` orders screened phase by phase, then the HTTP API under `--concurrency` connections.
    static func screening(_ o: BenchOptions, synthetic: SyntheticIdentities, key: EpochKey, report: inout Report) async throws {
        let fm = FileManager.default
        let dir = o.directory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? fm.temporaryDirectory.appendingPathComponent("mibarai-bench-screen-\(ProcessInfo.processInfo.processIdentifier)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if !o.keep { try? fm.removeItem(at: dir.appendingPathComponent("screen.sqlite")); try? fm.removeItem(at: dir.appendingPathComponent("screen.sqlite-wal")); try? fm.removeItem(at: dir.appendingPathComponent("screen.sqlite-shm")); try? fm.removeItem(at: dir.appendingPathComponent("orders.csv")); if o.directory == nil { try? fm.removeItem(at: dir) } } }
        let path = dir.appendingPathComponent("screen.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
        let db = try AppDatabase(path: path)
        let lookup = LookupBench(options: o, synthetic: synthetic, blinder: Blinder(key: key))
        let load = Stopwatch()
        for start in stride(from: 0, to: o.records, by: o.loadBatch) {
            try db.store((start..<min(start + o.loadBatch, o.records)).map(lookup.record(_:)))
        }
        log(String(format: "part 4: %d blinded records stored in %.1f s", o.records, load.elapsedSeconds))
        let (index, indexSeconds) = try Stopwatch.time { try db.tokenIndex() }
        let keyring = Keyring(primary: key)
        let bench = ScreeningBench(options: o, synthetic: synthetic, keyring: keyring)
        let csv = dir.appendingPathComponent("orders.csv").path
        let bytes = try bench.writeCSV(to: csv, hitShare: 0.1)
        log("part 4: \(o.orders) orders written to \(csv) (\(bytes) bytes)")
        let r = try await bench.run(db: db, index: index, csvPath: csv, log: log)

        let s4 = "4 screening \(Report.grouped(Double(o.orders))) orders from a CSV file against \(Report.grouped(Double(o.records))) blinded records"
        let checkOnly = r.parseSeconds + r.prepareSeconds + r.lookupSeconds
        report.add(s4, "total: parse + normalise + lookup + rules (s)", "s", r.total, baseline: checkOnly, "check without rules",
                   goal: .init(op: .below, threshold: 5))
        report.add(s4, "CSV parsing: decode, parse, map, group (s)", "s", r.parseSeconds, baseline: r.readSplitSeconds, "read + split")
        report.add(s4, "normalisation + blinding (s)", "s", r.prepareSeconds)
        report.add(s4, "lookup, memory index + SQLite (s)", "s", r.lookupSeconds)
        report.add(s4, "rules + velocity + history write (s)", "s", r.decideSeconds)
        report.add(s4, "orders screened per second", "/s", Double(r.orders) / r.total)
        report.notes["part 4 inputs"] = String(
            format: "%d orders (%d bytes, UTF-8, generic header), 10%% from stored people; memory index read in %.2f s (not in the total, a running node keeps it); batches of 10,000 as check --csv; normalisation + blinding on both cores",
            r.orders, bytes, indexSeconds)
        report.notes["part 4 outcome"] = "matched \(r.matched); hold \(r.decisions[.hold] ?? 0), review \(r.decisions[.review] ?? 0), pass \(r.decisions[.pass] ?? 0)"
        report.notes["part 4 baselines"] = "read + split = the file read and split into lines and fields, nothing else; check without rules = the three phases before rules and velocity (what check did before screening)"

        guard !o.skipAPI else { return }
        let api = try await APILoadBench(options: o, synthetic: synthetic, keyring: keyring).run(db: db, log: { log($0) })
        let s5 = "5 POST /v1/screen, \(o.concurrency) concurrent connections, \(Report.grouped(Double(api.requests))) requests"
        report.add(s5, "p50 latency (ms)", "ms", api.latencies.percentile(0.5) / 1e6, baseline: api.baseline.percentile(0.5) / 1e6, "401 path")
        report.add(s5, "p99 latency (ms)", "ms", api.latencies.percentile(0.99) / 1e6, baseline: api.baseline.percentile(0.99) / 1e6, "401 path")
        report.add(s5, "requests per second", "/s", Double(api.requests) / api.seconds, baseline: Double(api.requests) / api.baselineSeconds, "401 path")
        report.notes["part 5 statuses"] = api.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        report.notes["part 5 setup"] = "server and load generator in one process on the same 2 cores (server: NIO singleton group; client: 1 event loop, keep-alive HTTP/1.1); lookups straight from SQLite as mibarai serve does; 401 path = the same requests without the token, answered by the auth middleware"
    }
}
