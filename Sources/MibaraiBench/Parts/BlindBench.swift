import Crypto
import MibaraiCore

/// Part 1: identities normalised and blinded per second on one thread, against the same number of
/// one-shot raw HMAC-SHA256 over each identity's concatenated raw field bytes.
struct BlindBench {
    let identities: [Identity]
    let normalizer: Normalizer
    let key: EpochKey

    struct Result {
        var identities: Int
        var tokens: Int
        var normalizeSeconds: Double
        var blindSeconds: Double
        var pipelineSeconds: Double
        var rawHMACSeconds: Double
        var normalizeRate: Double { Double(identities) / normalizeSeconds }
        var blindRate: Double { Double(identities) / blindSeconds }
        var pipelineRate: Double { Double(identities) / pipelineSeconds }
        var rawHMACRate: Double { Double(identities) / rawHMACSeconds }
        var tokensPerIdentity: Double { Double(tokens) / Double(identities) }
    }

    func run(log: (String) -> Void) -> Result {
        let blinder = Blinder(key: key)
        let n = identities.count
        var sink = 0

        // Warm up every path (first-touch of tables, allocator, code) on a prefix.
        let warm = identities.prefix(min(n, 2_000))
        for id in warm {
            let t = blinder.tokens(for: normalizer.normalize(id))
            sink &+= t.count
        }

        log("part 1: normalise only, \(n) identities")
        var normalized: [NormalizedIdentity] = []
        normalized.reserveCapacity(n)
        let (_, normSeconds) = Stopwatch.time {
            for id in identities { normalized.append(normalizer.normalize(id)) }
        }

        log("part 1: blind only")
        var counts = [Int](repeating: 0, count: n)
        let (_, blindSeconds) = Stopwatch.time {
            for i in 0..<n {
                let t = blinder.tokens(for: normalized[i])
                counts[i] = t.count
                if let f = t.first { sink &+= Int(truncatingIfNeeded: f.value.low) }
            }
        }

        log("part 1: normalise + blind")
        let (_, pipeSeconds) = Stopwatch.time {
            for id in identities {
                let t = blinder.tokens(for: normalizer.normalize(id))
                if let f = t.first { sink &+= Int(truncatingIfNeeded: f.value.low) }
            }
        }

        // Baseline: as many one-shot HMACs as the identity made tokens, over its raw field bytes
        // concatenated (prepared outside the timing: the baseline is the cost of the MACs alone).
        log("part 1: raw HMAC-SHA256 baseline")
        let raw: [[UInt8]] = identities.map { id in
            var b: [UInt8] = []
            for f in IdentityField.allCases { if let v = id[f] { b.append(contentsOf: v.utf8) } }
            return b
        }
        let symmetric = SymmetricKey(data: key.keyBytes)
        let (_, hmacSeconds) = Stopwatch.time {
            for i in 0..<n {
                for _ in 0..<counts[i] {
                    let mac = HMAC<SHA256>.authenticationCode(for: raw[i], using: symmetric)
                    mac.withUnsafeBytes { sink &+= Int($0[0]) }
                }
            }
        }
        Sink.consume(sink)
        return Result(
            identities: n, tokens: counts.reduce(0, +), normalizeSeconds: normSeconds, blindSeconds: blindSeconds,
            pipelineSeconds: pipeSeconds, rawHMACSeconds: hmacSeconds
        )
    }
}

/// Keeps the optimiser from dropping work whose result is otherwise unused.
enum Sink {
    nonisolated(unsafe) static var value = 0
    @inline(never) static func consume(_ v: Int) { value &+= v }
}
