import Foundation
import MibaraiCore
import MibaraiMembership
import MibaraiServer
import MibaraiStore
import X509

/// Part 10: a shop's lookups through a hub holding `records` blinded records, both ends real (a
/// `mibarai serve` hub on loopback; the shop's `HubClient`, the code `mibarai check` and
/// `/v1/screen` use, in this process with a member shop's certificate). Baselines from the same
/// file and queries in the same run: the hub's own lookup (`AppDatabase.candidates`, what the
/// hub's handler calls) in this process on one thread, without TLS, HTTP, JSON, quota or audit.
struct HubLookupBench {
    struct Result {
        var records = 0
        var batches = 0
        var batchSize = 0
        var singles = 0
        var hitShare = 0.0
        /// Through the hub: identities per wall second and per second of the hub's CPU.
        var hubRate = 0.0
        var hubPerCPUSecond = 0.0
        var hubCPUSeconds = 0.0
        /// The same batches read in this process from the hub's file.
        var localRate = 0.0
        /// One query per request, one after the other, on the connection the client keeps open.
        var single: Latencies?
        var localSingle: Latencies?
        var foundThroughHub = 0
        var foundLocally = 0
    }

    let federation: BenchFederation
    let records: Int
    let seed: UInt64
    let batches: Int
    let batchSize = HubLookupRequest.maxQueries
    let singles: Int
    /// Share of the queries made of a stored record's tokens (the rest are random tokens).
    let hitShare = 0.01

    /// `count` queries of five tokens (one of each type): a stored record's with probability
    /// `hitShare`, else random.
    func queries(_ count: Int, from entries: [LogEntry], stream: UInt64) -> [[BlindToken]] {
        var rng = SplitMix64(seed: seed, stream: stream, index: 0)
        return (0..<count).map { _ in
            if Double(rng.below(10_000)) < hitShare * 10_000, case .publish(let p)? = try? entries[rng.below(entries.count)].decodedBody() {
                return p.tokens
            }
            return TokenType.allCases.map { BlindToken(type: $0, value: TokenValue(high: rng.next(), low: rng.next())) }
        }
    }

    /// The hub's lookup in this process (synchronous reads, one thread): identities per second over
    /// the batches, how many found a record, and each single query's latency.
    static func baseline(_ path: String, batches: [[[BlindToken]]], singles: [[BlindToken]]) throws -> (Double, Int, Latencies) {
        let db = try AppDatabase(path: path)
        _ = try db.candidates(for: batches[0])
        var found = 0
        let sw = Stopwatch()
        for q in batches { found += try db.candidates(for: q).filter { !$0.isEmpty }.count }
        let rate = Double(batches.reduce(0) { $0 + $1.count }) / sw.elapsedSeconds
        var lat: [Double] = []
        lat.reserveCapacity(singles.count)
        for q in singles {
            let s = Stopwatch()
            _ = try db.candidates(for: [q])
            lat.append(s.elapsedSeconds * 1e9)
        }
        return (rate, found, Latencies(lat))
    }

    func run(log: @escaping (String) -> Void) async throws -> Result {
        var r = Result()
        r.records = records
        r.batches = batches
        r.batchSize = batchSize
        r.singles = singles
        r.hitShare = hitShare
        // No quota (the policy's 0): the part times lookups, not refusals. Imported before the
        // hub's file is written, so the operator's log holds it when the hub starts.
        try NodeProcess.run(["federation", "policy", "--operator-dir", federation.path("op"), "--replicas", "hubs",
                             "--daily-quota", "0", "--burst", "0", "--output", federation.path("policy.json")])
        try NodeProcess.run(["node", "operator-log", federation.path("policy.json"), "--data-dir", federation.path(federation.hub)])

        log("part 10: signing \(records) publish entries")
        let entries = try BootstrapBench(federation: federation, records: records, seed: seed).generate(log: log)
        let hubID = try federation.nodeID(federation.hub)
        var names: [NodeID: String] = [:]
        for n in federation.originNames { names[try federation.nodeID(n)] = n }
        do {
            let hubDB = try AppDatabase(path: federation.database(federation.hub))
            let operatorLog = try hubDB.takeInbox().map { try LogEntry(decoding: $0) }
            try hubDB.saveLogEntries(operatorLog, me: hubID, names: [:])
            var i = 0
            while i < entries.count {
                let end = min(i + BootstrapBench.deltaBatch, entries.count)
                try hubDB.saveLogEntries(Array(entries[i..<end]), me: hubID, names: names)
                i = end
            }
        }
        log("part 10: hub file written; \(batches) batches of \(batchSize) queries and \(singles) single queries, \(Int(hitShare * 100))% of them a stored record's")
        let batchQueries = (0..<batches).map { queries(batchSize, from: entries, stream: 100 + UInt64($0)) }
        let singleQueries = queries(singles, from: entries, stream: 99)

        // Baseline: the hub's lookup in this process, same file, same queries, one thread.
        (r.localRate, r.foundLocally, r.localSingle) = try Self.baseline(federation.database(federation.hub), batches: batchQueries, singles: singleQueries)
        log(String(format: "part 10: baseline, the hub's lookup in this process: %.0f identities/s", r.localRate))

        let hub = try federation.serve(federation.hub)
        defer { hub.stop() }
        let port = try hub.announcedPort(after: "federation listener on", timeout: 600)
        let shop = federation.originNames[0]
        let root = try String(contentsOfFile: federation.path("\(shop)/federation/root.pem"), encoding: .utf8)
        let gate = MemberGateBox(MemberGate(root: try Certificate(pemEncoded: root)))
        guard let address = HubClient.Hub("\(federation.hub)@127.0.0.1:\(port)") else { throw BenchError("part 10: bad hub address") }
        let client = try HubClient(hubs: [address], tls: try federation.tls(shop), gate: gate, timeout: .seconds(120))
        func ask(_ q: [[BlindToken]]) async throws -> HubLookupAnswer {
            do { return try await client.lookup(HubLookupRequest(queries: q, references: [], purpose: .screening)) } catch {
                throw BenchError("part 10: the hub did not answer: \(error.attempts.joined(separator: "; ")) (see \(hub.stderrPath))")
            }
        }
        // Warm-up, untimed: the hub's first requests open its readers and fill its caches.
        for q in batchQueries.prefix(2) { _ = try await ask(q) }

        let cpu0 = hub.cpuSeconds()
        let sw = Stopwatch()
        for q in batchQueries { r.foundThroughHub += try await ask(q).results.filter { !$0.records.isEmpty }.count }
        let seconds = sw.elapsedSeconds
        r.hubCPUSeconds = hub.cpuSeconds() - cpu0
        r.hubRate = Double(batches * batchSize) / seconds
        r.hubPerCPUSecond = Double(batches * batchSize) / r.hubCPUSeconds
        guard r.foundThroughHub == r.foundLocally else {
            throw BenchError("part 10: the hub found \(r.foundThroughHub) identities, the file \(r.foundLocally)")
        }
        log(String(format: "part 10: through the hub %.0f identities/s (hub CPU %.1f s: %.0f per CPU second); %d found, as locally",
                   r.hubRate, r.hubCPUSeconds, r.hubPerCPUSecond, r.foundThroughHub))

        var lat: [Double] = []
        lat.reserveCapacity(singles)
        for q in singleQueries {
            let s = Stopwatch()
            _ = try await ask([q])
            lat.append(s.elapsedSeconds * 1e9)
        }
        r.single = Latencies(lat)
        log(String(format: "part 10: one query a request: p50 %.2f ms, p99 %.2f ms", r.single!.percentile(0.5) / 1e6, r.single!.percentile(0.99) / 1e6))
        return r
    }
}
