import Foundation
import MibaraiCore
import NIOCore

extension BenchMain {
    /// Parts 7 and 8: real `mibarai serve` processes on loopback (the release binary beside this one).
    static func federation(_ o: BenchOptions, report: inout Report) throws {
        let dir: String
        if let d = o.directory {
            dir = d
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        } else {
            dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("mibarai-bench-fed-\(getpid())")
        }
        defer { if !o.keep { try? FileManager.default.removeItem(atPath: dir) } }
        guard FileManager.default.isExecutableFile(atPath: NodeProcess.executable.path) else {
            throw BenchError("parts 7-8 run \(NodeProcess.executable.path): build it with swift build -c release --product mibarai")
        }
        // Part 8 connects as distinct members, one connection each in flight, as a hub's members do.
        let federation = BenchFederation(directory: dir, origins: o.bootstrapOrigins, members: o.handshakes ? o.handshakeConcurrency : 0)
        try federation.create(log: log)
        report.settings["parts 7-8 processes"] = "\(NodeProcess.executable.path) serve, gossip on 127.0.0.1, --log-level notice"

        let hub: NodeProcess
        if o.bootstrap {
            let bench = BootstrapBench(federation: federation, records: o.bootstrapRecords, seed: o.seed)
            let (r, h) = try bench.run(log: log)
            hub = h
            let s7 = "7 bootstrap of a new node from a hub holding \(Report.grouped(Double(r.records))) records (real processes)"
            report.add(s7, "bootstrap: verified and stored (records/s)", "/s", r.bootstrapRate, baseline: r.insertRate, "saveLogEntries alone",
                       goal: .init(op: .atLeast, threshold: 30_000))
            report.add(s7, "bootstrap vs Ed25519 verify, one core", "/s", r.bootstrapRate, baseline: r.verifyOneCoreRate, "verify 1 core")
            report.add(s7, "bootstrap vs Ed25519 verify, all cores", "/s", r.bootstrapRate, baseline: r.verifyAllCoresRate, "verify all cores")
            report.add(s7, "bootstrap vs raw SQLite insert", "/s", r.bootstrapRate, baseline: r.rawInsertRate, "raw insert")
            report.add(s7, "baseline: saveLogEntries into a fresh file (entries/s)", "/s", r.insertRate)
            report.add(s7, "baseline: raw SQLite insert of the entries (entries/s)", "/s", r.rawInsertRate)
            report.add(s7, "baseline: noted then applied, store alone (records/s)", "/s", Double(r.records) / (r.notedSeconds + r.applySeconds))
            report.add(s7, "baseline: apply of the noted changes alone", "s", r.applySeconds)
            report.add(s7, "baseline: Ed25519 verify, one core (entries/s)", "/s", r.verifyOneCoreRate)
            report.add(s7, "baseline: Ed25519 verify, all cores (entries/s)", "/s", r.verifyAllCoresRate)
            report.add(s7, "bootstrap wall time", "s", r.bootstrapSeconds)
            report.add(s7, "hub resident memory after serving the bootstrap (MB)", "MB", r.hubResident / 1e6,
                       baseline: r.emptyNodeResident / 1e6, "a node holding nothing", goal: .init(op: .atMost, threshold: 300))
            report.add(s7, "hub peak resident memory (MB)", "MB", r.hubPeak / 1e6, baseline: r.emptyNodeResident / 1e6, "a node holding nothing",
                       goal: .init(op: .atMost, threshold: 300))
            report.add(s7, "newcomer peak resident memory (MB)", "MB", r.newcomerPeak / 1e6, baseline: r.emptyNodeResident / 1e6,
                       "a node holding nothing", goal: .init(op: .atMost, threshold: 300))
            report.add(s7, "hub anonymous memory after serving the bootstrap (MB)", "MB", r.hubAnonymous / 1e6,
                       baseline: r.emptyNodeResident / 1e6, "a node holding nothing")
            report.add(s7, "newcomer anonymous memory at the end (MB)", "MB", r.newcomerAnonymous / 1e6,
                       baseline: r.emptyNodeResident / 1e6, "a node holding nothing")
            report.add(s7, "hub resident memory once started (MB)", "MB", r.hubResidentAtStart / 1e6)
            report.add(s7, "baseline: a node holding nothing, resident (MB)", "MB", r.emptyNodeResident / 1e6)
            report.add(s7, "newcomer's file per record after a clean stop (B)", "B", r.newcomerFileBytes / Double(r.records),
                       goal: .init(op: .atMost, threshold: 400))
            report.add(s7, "newcomer's WAL left after a clean stop (B)", "B", r.newcomerWALBytes, goal: .init(op: .atMost, threshold: 0))
            report.settings["part 7 inputs"] = String(
                format: "%d publish entries (%.0f B each, 5 tokens) signed by %d origin shops; hub and newcomer are `mibarai serve` (gossip interval 1 s); the newcomer starts with --peer to the hub and the clock runs from its launch until its log_entry count reaches the hub's (%d, the operator's log included) and no record change it noted while catching up waits to be applied (log_pending empty: every record findable), polled read-only",
                r.records, r.entryBytes, r.origins, r.target)
            report.notes["part 7 baselines"] = String(
                format: "raw insert = the entries' bytes into a bare (origin, seq, entry) table of a fresh WAL file, same batches, one prepared statement; saveLogEntries = the same entries written into the hub's fresh file before it starts, %d per call (one transaction each, like one gossip delta), record rows and token index included; verify = LogEntry.hasValidSignature() over %d of the entries, one thread / %d threads",
                BootstrapBench.deltaBatch, r.verifySample, ProcessInfo.processInfo.activeProcessorCount)
                + String(format: "; noted then applied = the same entries noted into a fresh file (saveLogEntries(stage: true), same batches: %.1f s), then applyPendingRecordChanges() once (%.1f s)", r.notedSeconds, r.applySeconds)
            report.notes["part 7 detail"] = String(
                format: "signing %.1f s; hub start (log rebuilt from its file) %.1f s; newcomer's first entries stored (the operator's log from its bundle) after %.2f s; every entry held after %.1f s; CPU seconds during the bootstrap: newcomer %.1f, hub %.1f (wall %.1f s); newcomer holds %d blinded records",
                r.generateSeconds, r.hubStartSeconds, r.firstEntrySeconds, r.allEntriesSeconds, r.newcomerCPUSeconds, r.hubCPUSeconds, r.bootstrapSeconds, r.newcomerRecords)
        } else {
            hub = try federation.serve(federation.hub)
        }
        defer { hub.stop() }
        guard o.handshakes else { return }
        let port = try hub.gossipPort(timeout: 600)
        let bench = try HandshakeBench(members: federation.memberNames.map(federation.tls), seconds: o.handshakeSeconds)
        log("part 8: \(o.handshakeConcurrency) connections in flight (one per member) for \(o.handshakeSeconds) s against the hub's gossip port \(port), then against the baseline; \(o.handshakeRounds) rounds")
        let server = try HandshakeBench.baselineServer(try federation.tls(federation.hub))
        defer { server.stop() }
        // A fresh process's first seconds of handshakes cost more (its allocator's arenas and
        // first-time paths); both servers get the same untimed warm-up.
        _ = try bench.run(port: port, for: 2, cpu: { hub.cpuSeconds() })
        _ = try bench.run(port: server.port, for: 2, cpu: server.cpu)
        let base = "plain NIOSSL server"
        // 8: the handshake (the client closes once the hub's hello is in); 8b: the client answers
        // with its own hello first, as a member does, which the hub's node then takes.
        for greet in [false, true] {
            let part = greet ? "part 8b" : "part 8"
            var hubRuns: [HandshakeBench.Run] = []
            var baseRuns: [HandshakeBench.Run] = []
            for round in 1...o.handshakeRounds {
                // The side that goes first alternates, so a machine slowing down (or speeding up)
                // through the part favours neither.
                var h = HandshakeBench.Run()
                var b = HandshakeBench.Run()
                for side in round % 2 == 1 ? [true, false] : [false, true] {
                    if side {
                        h = try bench.run(port: port, greet: greet, cpu: { hub.cpuSeconds() })
                    } else {
                        b = try bench.run(port: server.port, greet: greet, cpu: server.cpu)
                    }
                }
                guard h.perCPUSecond.isFinite, b.perCPUSecond.isFinite else { throw BenchError("\(part): a server's CPU time could not be read") }
                log(String(format: "%@: round %d, hub: %d handshakes (%d failed) in %.1f s, hub CPU %.2f s: %.0f per CPU second",
                           part, round, h.handshakes, h.failures, h.seconds, h.serverCPUSeconds, h.perCPUSecond))
                log(String(format: "%@: round %d, baseline: %d handshakes (%d failed) in %.1f s, server CPU %.2f s: %.0f per CPU second; ratio %.3f",
                           part, round, b.handshakes, b.failures, b.seconds, b.serverCPUSeconds, b.perCPUSecond, h.perCPUSecond / b.perCPUSecond))
                hubRuns.append(h)
                baseRuns.append(b)
            }
            let ratios = zip(hubRuns, baseRuns).map { $0.perCPUSecond / $1.perCPUSecond }.sorted()
            report.notes["\(part) rounds"] = "hub / plain NIOSSL per CPU second, round by round: "
                + zip(hubRuns, baseRuns).map { String(format: "%.3f", $0.perCPUSecond / $1.perCPUSecond) }.joined(separator: ", ")
                + String(format: "; median of the rounds' ratios %.3f", ratios[(ratios.count - 1) / 2])
            let h = HandshakeBench.Run.median(hubRuns)
            let b = HandshakeBench.Run.median(baseRuns)
            let section = greet
                ? "8b the same, each client answering with a member's hello (the hub's node takes it)"
                : "8 full mutual-TLS 1.3 handshakes on a hub's gossip port (real process)"
            report.add(section, "handshakes per hub CPU second", "/s", h.perCPUSecond, baseline: b.perCPUSecond, base,
                       goal: greet ? nil : .init(op: .atLeast, threshold: 1_000))
            report.add(section, "handshakes per wall second", "/s", h.rate, baseline: b.rate, base)
            report.add(section, "server CPU cores busy", "", h.serverCPUSeconds / h.seconds, baseline: b.serverCPUSeconds / b.seconds, base)
            report.add(section, "failed connections", "", Double(hubRuns.map(\.failures).reduce(0, +)),
                       baseline: Double(baseRuns.map(\.failures).reduce(0, +)), base)
        }
        report.settings["part 8 inputs"] = "a NIO client (one event loop, in this process) keeps \(o.handshakeConcurrency) connections in flight, one per member (\(federation.memberNames.first ?? "")…\(federation.memberNames.last ?? ""), each its own certificate and key) for \(o.handshakeSeconds) s; a connection counts when the handshake is done and the server's first frame (hello) has arrived, then it is closed (in 8b, once the client's own hello is written); \(o.handshakeRounds) rounds of a hub run and a baseline run (which goes first alternates), the rows are each side's run with the median handshakes per CPU second (failed connections: the sum over the rounds)"
        report.notes["part 8 baseline"] = "plain NIOSSL server = a NIOSSL server in this process with the hub's certificate and key, TLS 1.3, client certificates verified against the federation root by the default verification (no member gate, no gossip node), \(System.coreCount) event loops like the hub; it sends a hello of the same size after the handshake (and reads and drops the client's). Per CPU second = handshakes / the server's user+system CPU seconds in the window (/proc/PID/stat for the hub, /proc/self/task/TID/stat of its event-loop threads for the baseline); the client shares the same \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }
}

extension BenchMain {
    /// Part 10: lookups through a hub (a real `mibarai serve` process).
    static func hubLookups(_ o: BenchOptions, report: inout Report) async throws {
        let dir = o.directory ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("mibarai-bench-hub-\(getpid())")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if !o.keep { try? FileManager.default.removeItem(atPath: dir) } }
        guard FileManager.default.isExecutableFile(atPath: NodeProcess.executable.path) else {
            throw BenchError("part 10 runs \(NodeProcess.executable.path): build it with swift build -c release --product mibarai")
        }
        let federation = BenchFederation(directory: dir, origins: o.bootstrapOrigins)
        try federation.create(log: log)
        let bench = HubLookupBench(federation: federation, records: o.bootstrapRecords, seed: o.seed, batches: o.hubBatches, singles: o.hubSingles)
        let r = try await bench.run(log: log)
        let s10 = "10 a shop's lookups through a hub holding \(Report.grouped(Double(r.records))) records (real process, mutual TLS)"
        let base = "the hub's lookup in process"
        report.add(s10, "identities/s, \(r.batchSize) per request", "/s", r.hubRate, baseline: r.localRate, base)
        report.add(s10, "identities per hub CPU second", "/s", r.hubPerCPUSecond, baseline: r.localRate, base,
                   goal: .init(op: .atLeast, threshold: 50_000))
        let single = r.single!, local = r.localSingle!
        report.add(s10, "p50 latency, one query a request", "ms", single.percentile(0.5) / 1e6, baseline: local.percentile(0.5) / 1e6, base)
        report.add(s10, "p99 latency, one query a request", "ms", single.percentile(0.99) / 1e6, baseline: local.percentile(0.99) / 1e6, base,
                   goal: .init(op: .atMost, threshold: 20))
        report.add(s10, "baseline: the hub's lookup in process (identities/s)", "/s", r.localRate)
        report.settings["part 10 inputs"] = String(
            format: "%d publish entries (5 tokens each) from %d origin shops in the hub's file; %d requests of %d queries, then %d requests of one query, one after the other from a member shop's HubClient on the connection it keeps open; each query 5 tokens, %.0f%% of them a stored record's; policy without quota (the audit is written for every request)",
            r.records, federation.originNames.count, r.batches, r.batchSize, r.singles, r.hitShare * 100)
        report.notes["part 10 baseline"] = "the hub's lookup in process = AppDatabase.candidates(for:) on the hub's file from this process, one thread, the same queries, without TLS, HTTP, JSON, quota or audit (what the hub's handler calls)"
        report.notes["part 10 detail"] = String(format: "hub CPU %.1f s over the batched requests; %d queries found a record through the hub, as many in process",
                                                r.hubCPUSeconds, r.foundThroughHub)
    }
}
