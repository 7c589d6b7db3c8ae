import Foundation
import MibaraiCore

/// `mibarai-bench`: see `Benchmarks.md`, or `--help`.
@main
struct BenchMain {
    static func main() async {
        let options: BenchOptions
        do {
            options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch .help {
            print(BenchOptions.usage)
            return
        } catch {
            FileHandle.standardError.write(Data("mibarai-bench: \(error)\n".utf8))
            exit(2)
        }
        do {
            try await run(options)
        } catch {
            FileHandle.standardError.write(Data("mibarai-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The 1/5/15-minute load averages (Linux), so a reader can see whether other work shared the cores.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("[bench] \(line)\n".utf8))
    }

    static func run(_ o: BenchOptions) async throws {
        #if DEBUG
        log("WARNING: this is a debug build; figures mean nothing. Build with -c release.")
        let build = "debug"
        #else
        let build = "release"
        #endif
        let wall = Stopwatch()
        let synthetic = SyntheticIdentities(seed: o.seed)
        var keyRNG = SplitMix64(seed: o.seed, stream: 99, index: 0)
        let key = EpochKey(epoch: 1, keyBytes: (0..<32).map { _ in UInt8(truncatingIfNeeded: keyRNG.next()) })!

        var report = Report()
        report.settings = [
            "build": build,
            "cores": "\(ProcessInfo.processInfo.activeProcessorCount) (all timings single-threaded)",
            "seed": "\(o.seed)",
            "os": ProcessInfo.processInfo.operatingSystemVersionString,
            "load average at start": loadAverage(),
        ]

        if !o.skipBlind {
            let identities: [Identity]
            if let corpus = o.corpus {
                let loaded = try Corpus.read(corpus)
                guard !loaded.isEmpty else { throw BenchError("\(corpus) holds no identities") }
                identities = (0..<o.identities).map { loaded[$0 % loaded.count] }
                report.settings["part 1 inputs"] = "\(o.identities) identities cycled from \(loaded.count) in \(corpus)"
            } else {
                identities = (0..<o.identities).map { synthetic.raw($0) }
                report.settings["part 1 inputs"] = "\(o.identities) synthetic identities as typed"
            }
            let normalizer = try Normalizer.bundled()
            let r = BlindBench(identities: identities, normalizer: normalizer, key: key).run(log: log)
            let s = "1 normalise + blind, one thread"
            let base = "raw HMAC"
            report.add(s, "normalise + blind (identities/s)", "/s", r.pipelineRate, baseline: r.rawHMACRate, base,
                       goal: .init(op: .atLeast, threshold: 200_000))
            report.add(s, "normalise only (identities/s)", "/s", r.normalizeRate)
            report.add(s, "blind only (identities/s)", "/s", r.blindRate, baseline: r.rawHMACRate, base)
            report.add(s, "tokens per identity", "", r.tokensPerIdentity)
            report.notes["part 1 baseline"] = String(
                format: "raw HMAC = the same %d one-shot HMAC<SHA256> over each identity's concatenated raw field bytes: %.0f HMACs/s",
                r.tokens, Double(r.tokens) / r.rawHMACSeconds)
        }

        if !o.skipStore {
            let blinder = Blinder(key: key)
            let r = try LookupBench(options: o, synthetic: synthetic, blinder: blinder).run(log: log)
            let s2 = "2 lookups against \(Report.grouped(Double(r.records))) blinded records (SQLite file)"
            report.settings["part 2 inputs"] = String(
                format: "%d records, %.2f tokens/record, loaded in batches of %d per store(_:); %d lookups per mix, batches of %d",
                r.records, Double(r.tokens) / Double(r.records), o.loadBatch, o.lookups, o.batch)
            report.add(s2, "load via store(_:) (records/s)", "/s", r.loadRate)
            let goalRate = Report.Goal(op: .atLeast, threshold: 100_000)
            let goalP99 = Report.Goal(op: .below, threshold: 1_000)
            for m in r.mixes {
                let raw = "raw select"
                let tag = "[\(m.name)]"
                report.add(s2, "\(tag) lookups/s, 1 per call, memory index", "/s", m.singleFiltered.rate, baseline: m.raw.rate, raw, goal: goalRate)
                report.add(s2, "\(tag) lookups/s, \(o.batch) per call, memory index", "/s", m.batchedFiltered.rate, baseline: m.raw.rate, raw, goal: goalRate)
                let f = m.singleFiltered.latencies!
                report.add(s2, "\(tag) p50 latency, 1 per call, memory index", "µs", f.percentile(0.50) / 1000)
                report.add(s2, "\(tag) p99 latency, 1 per call, memory index", "µs", f.percentile(0.99) / 1000, goal: goalP99)
                report.add(s2, "\(tag) lookups/s, 1 identity per call", "/s", m.single.rate, baseline: m.raw.rate, raw, goal: goalRate)
                report.add(s2, "\(tag) lookups/s, \(o.batch) per call", "/s", m.batched.rate, baseline: m.raw.rate, raw, goal: goalRate)
                let l = m.single.latencies!, b = m.raw.latencies!
                report.add(s2, "\(tag) p50 latency, 1 identity per call", "µs", l.percentile(0.50) / 1000, baseline: b.percentile(0.50) / 1000, raw)
                report.add(s2, "\(tag) p99 latency, 1 identity per call", "µs", l.percentile(0.99) / 1000, baseline: b.percentile(0.99) / 1000, raw, goal: goalP99)
                report.add(s2, "\(tag) p999 latency, 1 identity per call", "µs", l.percentile(0.999) / 1000, baseline: b.percentile(0.999) / 1000, raw)
                report.add(s2, "\(tag) diagnostic: raw select, 1 read txn per identity", "/s", m.rawPerTransaction.rate, baseline: m.raw.rate, raw)
                report.add(s2, "\(tag) diagnostic: p50 of the above", "µs", m.rawPerTransaction.latencies!.percentile(0.5) / 1000,
                           baseline: b.percentile(0.50) / 1000, raw)
                report.add(s2, "\(tag) queries with a candidate", "%", m.observedHits * 100)
                report.notes["part 2 \(m.name) tokens per query"] = String(format: "%.2f", m.tokensPerQuery)
            }
            report.notes["part 2 memory index"] = String(format: "%d index entries (%.1f MB) read from the file in %.2f s; a long-running node keeps it in memory", r.prefixCount, Double(r.prefixCount * 16) / 1e6, r.prefixLoadSeconds)
            report.notes["part 2 baseline"] = "raw select = GRDB on the same file, SELECT record FROM blinded_token WHERE token = ? per token, prepared once, one read transaction for all identities"
            let s3 = "3 file size"
            report.add(s3, "file bytes per record (db + WAL after checkpoint)", "B", r.bytesPerRecord, baseline: r.payloadPerRecord, "raw payload")
            report.add(s3, "file bytes per record (db + WAL before checkpoint)", "B", Double(r.afterLoad.total) / Double(r.records),
                       baseline: r.payloadPerRecord, "raw payload")
            report.notes["part 3 sizes"] = String(
                format: "after load: db %d B + WAL %d B; after checkpoint: db %d B + WAL %d B; raw payload = metadata + 16 B per token",
                r.afterLoad.databaseBytes, r.afterLoad.walBytes, r.afterCheckpoint.databaseBytes, r.afterCheckpoint.walBytes)
            report.notes["part 2 timings"] = String(format: "store(_:) %.1f s, record generation (blinding included) %.1f s", r.loadSeconds, r.generateSeconds)
        }
        if o.onlyGossip {
            let s6 = "6 gossip, simulated network (state machine, no sockets)"
            report.settings["part 6 inputs"] = "sizes \(o.gossipNodes.map(String.init).joined(separator: ", ")); 3 seed peers each; min(N, \(o.gossipOrigins)) nodes publish one record each and the network converges first; then \(o.gossipTrials) single records one by one and a burst of \(o.gossipBurst) at random nodes, per size and mode; default GossipConfiguration"
            for n in o.gossipNodes {
                var bench = GossipBench(nodes: n, trials: o.gossipTrials, burst: o.gossipBurst, origins: o.gossipOrigins, seed: o.seed)
                if let r = o.gossipHintRounds { bench.configuration.summaryHintRounds = r }
                let d = try bench.run(useDigests: true, log: log)
                let b = try bench.run(useDigests: true, versions: 1...1, log: log)
                let tag = "[N=\(Report.grouped(Double(n)))]"
                let v1 = "version 1"
                report.add(s6, "\(tag) rounds to 99.9%, mean of \(o.gossipTrials)", "rounds", d.roundsMean, baseline: b.roundsMean, v1,
                           goal: n == 1_000 ? .init(op: .below, threshold: 10.5) : nil)
                report.add(s6, "\(tag) rounds to 99.9%, worst", "rounds", Double(d.roundsMax), baseline: Double(b.roundsMax), v1)
                report.add(s6, "\(tag) burst: bytes per record per receiving node / entry", "x", d.burstBytesPerRecordPerNode / d.entryBytes,
                           baseline: b.burstBytesPerRecordPerNode / b.entryBytes, v1, goal: .init(op: .below, threshold: 1.3))
                report.add(s6, "\(tag) one record: exchange bytes per receiving node / entry", "x", d.singleExcessBytesPerNode / d.entryBytes,
                           baseline: b.singleExcessBytesPerNode / b.entryBytes, v1, goal: .init(op: .below, threshold: 1.3))
                report.add(s6, "\(tag) in-sync exchange, open connection", "B", d.inSyncExchangeBytes, baseline: b.inSyncExchangeBytes, v1,
                           goal: .init(op: .below, threshold: 1_024))
                if o.gossipNaive {
                    let naive = try bench.run(useDigests: false, log: log)
                    report.add(s6, "\(tag) naive: one record, exchange bytes per node / entry", "x", naive.singleExcessBytesPerNode / naive.entryBytes,
                               baseline: d.singleExcessBytesPerNode / d.entryBytes, "version 2")
                    report.add(s6, "\(tag) naive: burst bytes per record per node / entry", "x", naive.burstBytesPerRecordPerNode / naive.entryBytes,
                               baseline: d.burstBytesPerRecordPerNode / d.entryBytes, "version 2")
                    report.add(s6, "\(tag) naive: in-sync exchange", "B", naive.inSyncExchangeBytes, baseline: d.inSyncExchangeBytes, "version 2")
                }
                if o.gossipOverlap {
                    let v = try bench.run(useDigests: true, overlapping: true, log: log)
                    report.add(s6, "\(tag) overlapping: rounds to 99.9%, mean", "rounds", v.roundsMean, baseline: d.roundsMean, "sequential")
                    report.add(s6, "\(tag) overlapping: burst bytes per record per node / entry", "x", v.burstBytesPerRecordPerNode / v.entryBytes,
                               baseline: d.burstBytesPerRecordPerNode / d.entryBytes, "sequential", goal: .init(op: .below, threshold: 1.3))
                    report.add(s6, "\(tag) overlapping: one record, exchange bytes per node / entry", "x", v.singleExcessBytesPerNode / v.entryBytes,
                               baseline: d.singleExcessBytesPerNode / d.entryBytes, "sequential")
                    report.notes["part 6 \(tag) overlapping"] = "\(v.duplicates) duplicate entries received in all; burst bytes by message: \(v.burstBreakdown)"
                }
                report.notes["part 6 \(tag) detail"] = String(
                    format: "entry %.0f B; burst %.0f B/record/node (version 1: %.0f); one record %.0f B/node (version 1: %.0f); simulated in %.1f s (version 1: %.1f s); burst bytes by message: %@",
                    d.entryBytes, d.burstBytesPerRecordPerNode, b.burstBytesPerRecordPerNode, d.singleExcessBytesPerNode,
                    b.singleExcessBytesPerNode, d.seconds, b.seconds, d.burstBreakdown)
            }
            if o.gossipOverlap {
                report.notes["part 6 overlapping"] = "overlapping = every node ticks before any message of the round is delivered, so all exchanges of a round run concurrently (the default run delivers each node's exchange before the next node ticks, as independent timer phases make it in a real network)"
            }
            report.notes["part 6 baseline"] = "version 1 = the same state machine speaking protocol version 1 only: exchanges open with a plain summary (root digest), and any difference goes through buckets and want before the delta. Version 2 (the default) opens with a hinted_summary naming the heads this node changed last, and the responder sends the delta at once when that tells it the initiator's vector; its named heads are counted in the one-record row"
            if o.gossipNaive { report.notes["part 6 naive"] = "naive = the same state machine with useDigests off: every exchange opens with the whole version vector (member-numbered heads, ~2 B per origin) instead of a root digest, and the responder answers with its entries and heads where they differ (no root digest, no buckets)" }
        }
        if o.screening { try await screening(o, synthetic: synthetic, key: key, report: &report) }
        if o.bootstrap || o.handshakes { try federation(o, report: &report) }
        if o.web { try await web(o, synthetic: synthetic, report: &report) }
        if o.hubLookups { try await hubLookups(o, report: &report) }
        report.notes["wall time"] = String(format: "%.1f s", wall.elapsedSeconds)
        report.settings["load average at end"] = loadAverage()

        if o.json {
            print(try report.json())
        } else {
            print(report.table(), terminator: "")
            print("ratio = value / baseline: above 1 is faster for rates, slower or larger for latencies and bytes.")
        }
    }
}
