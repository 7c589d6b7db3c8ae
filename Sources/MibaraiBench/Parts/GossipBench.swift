import Foundation
import MibaraiCore

/// Part 6: the gossip state machine in a simulated network (`GossipSimulation`), at several sizes,
/// against a naive mode in the same run (exchanges that open with the whole version vector
/// instead of a root digest). No sockets, no clock: rounds and bytes, not seconds.
struct GossipBench {
    struct Result {
        var nodes: Int
        var mode: String
        /// Rounds until 99.9% of nodes hold a newly published record (mean and worst over trials).
        var roundsMean: Double
        var roundsMax: Int
        /// Bytes sent network-wide while a burst of records spreads to every node, per record per
        /// receiving node (idle traffic included).
        var burstBytesPerRecordPerNode: Double
        /// For one record alone: bytes of buckets, want, delta and entries messages while it spreads,
        /// per receiving node (the messages that flow anyway are left out).
        var singleExcessBytesPerNode: Double
        /// Bytes of one exchange between two nodes already in sync, on an open connection.
        var inSyncExchangeBytes: Double
        var entryBytes: Double
        var burst: Int
        var seconds: Double
        var burstBreakdown: String
        var duplicates: Int
    }

    let nodes: Int
    let trials: Int
    let burst: Int
    let origins: Int
    let seed: UInt64
    var configuration = GossipConfiguration()

    /// `versions`: the protocol versions every node speaks (version 1 has no `hinted_summary`).
    func run(useDigests: Bool, versions: ClosedRange<UInt8> = GossipConfiguration().versions, overlapping: Bool = false,
             log: (String) -> Void) throws -> Result {
        let wall = Stopwatch()
        var config = configuration
        config.useDigests = useDigests
        config.versions = versions
        var sim = GossipSimulation(count: nodes, seedsPerNode: 3, configuration: config, seed: seed)
        sim.overlapping = overlapping
        let mode = (useDigests ? "digests v\(versions.upperBound)" : "naive") + (overlapping ? ", overlapping" : "")
        // Warm-up: connections open, peers exchanged; all nodes start with the same operator log.
        // Then `origins` nodes publish one record each and the network converges: vectors are as
        // long as in a federation where that many shops have reported.
        sim.run(rounds: 8)
        var rng = SimulationRandom(seed: seed ^ 0x5EED)
        for i in 0..<min(origins, nodes) {
            try sim.publish(at: i * nodes / min(origins, nodes), GossipBench.record(100_000 + i, seed: seed))
        }
        guard sim.rounds(until: { $0.converged }, limit: 200) != nil else {
            throw BenchError("gossip: N=\(nodes) \(mode) did not converge after the warm-up")
        }
        sim.run(rounds: 2)
        log("gossip N=\(nodes) \(mode): \(min(origins, nodes)) origins published and converged")

        // Idle traffic: a network in sync.
        var before = sim.stats
        let idleRounds = 2 * max(1, configuration.peerExchangeEvery)
        sim.run(rounds: idleRounds)
        // An in-sync exchange: summary + in_sync with digests; want + delta (whole vectors) without.
        let summary: GossipMessage.Code = versions.upperBound >= 2 ? .hintedSummary : .summary
        let (open, answer): (GossipMessage.Code, GossipMessage.Code) = useDigests ? (summary, .inSync) : (.want, .delta)
        let exchangeBytes = [open, answer].reduce(0) { $0 + sim.stats.bytesByCode[$1, default: 0] - before.bytesByCode[$1, default: 0] }
        let opened = sim.stats.framesByCode[open, default: 0] - before.framesByCode[open, default: 0]
        let inSync = Double(exchangeBytes) / Double(max(1, opened))

        // Single records: rounds to 99.9% and excess bytes.
        var rounds: [Int] = []
        var excess: [Double] = []
        var entryBytes = 0.0
        for t in 0..<trials {
            let at = Int.random(in: 0..<nodes, using: &rng)
            before = sim.stats
            let startRound = sim.rounds
            let e = try sim.publish(at: at, GossipBench.record(t, seed: seed))
            entryBytes = Double(e.encoded.count)
            guard let r = sim.rounds(until: { $0.coverage(of: e) >= 0.999 }, limit: 100) else {
                throw BenchError("gossip: N=\(nodes) \(mode) did not reach 99.9% in 100 rounds")
            }
            rounds.append(r)
            _ = sim.rounds(until: { $0.coverage(of: e) == 1 }, limit: 100)
            let used = sim.rounds - startRound
            // What the record made the network send: everything but the messages that flow
            // anyway (hello, summary, in_sync, peer exchange). The heads a version 2 summary
            // names are counted: a plain summary would not have sent them.
            let caused: [GossipMessage.Code] = [.buckets, .want, .delta, .entries]
            let bytes = caused.reduce(0) { $0 + sim.stats.bytesByCode[$1, default: 0] - before.bytesByCode[$1, default: 0] }
                + sim.stats.summaryHintBytes - before.summaryHintBytes
            excess.append(Double(bytes) / Double(nodes - 1))
            _ = used
            log("gossip N=\(nodes) \(mode): trial \(t + 1)/\(trials): \(r) rounds to 99.9%")
        }

        // A burst: `burst` records at random nodes, then rounds until every node holds all.
        before = sim.stats
        for b in 0..<burst {
            try sim.publish(at: Int.random(in: 0..<nodes, using: &rng), GossipBench.record(1_000 + b, seed: seed))
        }
        guard sim.rounds(until: { $0.converged }, limit: 200) != nil else {
            throw BenchError("gossip: N=\(nodes) \(mode) burst did not converge")
        }
        let burstBytes = Double(sim.stats.bytes - before.bytes) / Double(burst * (nodes - 1))
        let total = Double(sim.stats.bytes - before.bytes)
        let breakdown = GossipMessage.Code.allCases.compactMap { c -> String? in
            let b = sim.stats.bytesByCode[c, default: 0] - before.bytesByCode[c, default: 0]
            return b > 0 ? String(format: "%@ %.1f%%", "\(c)", Double(b) / total * 100) : nil
        }.joined(separator: ", ")
        log("gossip N=\(nodes) \(mode): burst of \(burst) converged; \(sim.stats.duplicateEntries) duplicate entries in all; bytes: \(breakdown)")
        return Result(
            nodes: nodes, mode: mode, roundsMean: Double(rounds.reduce(0, +)) / Double(rounds.count), roundsMax: rounds.max() ?? 0,
            burstBytesPerRecordPerNode: burstBytes, singleExcessBytesPerNode: excess.reduce(0, +) / Double(excess.count),
            inSyncExchangeBytes: inSync, entryBytes: entryBytes, burst: burst, seconds: wall.elapsedSeconds, burstBreakdown: breakdown, duplicates: sim.stats.duplicateEntries)
    }

    /// A record as a shop publishes it: 5 tokens, like a full identity.
    static func record(_ n: Int, seed: UInt64) -> LogBody {
        var g = SimulationRandom(seed: seed &+ UInt64(n) &* 7919)
        return .publish(RecordPublication(
            id: ReportID(using: &g), epoch: 1, category: .nonPayment, amountYen: 12_800, year: 2026, month: 10, status: .open,
            expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
            tokens: TokenType.allCases.map { BlindToken(type: $0, value: TokenValue(high: g.next(), low: g.next())) }))
    }
}
