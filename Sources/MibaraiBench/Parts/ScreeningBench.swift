import Foundation
import MibaraiCore
import MibaraiImport
import MibaraiNode
import MibaraiStore

/// Part 4: a day's export screened from a CSV file, phase by phase, as `mibarai check --csv`
/// does it (the in-memory token index, batches of 10,000 orders, the velocity history written
/// behind the screening and waited for at the end).
struct ScreeningBench {
    struct Result {
        var orders = 0
        var bytes = 0
        var readSplitSeconds = 0.0
        var parseSeconds = 0.0
        var prepareSeconds = 0.0
        var lookupSeconds = 0.0
        var decideSeconds = 0.0
        var decisions: [ScreeningDecision: Int] = [:]
        var matched = 0
        var total: Double { parseSeconds + prepareSeconds + lookupSeconds + decideSeconds }
    }

    let options: BenchOptions
    let synthetic: SyntheticIdentities
    let keyring: Keyring

    /// Writes the CSV of `options.orders` orders: a share `hitShare` from stored people (person
    /// index below `options.records`), the rest new; generic header, UTF-8.
    func writeCSV(to path: String, hitShare: Double) throws -> Int {
        var r = SplitMix64(seed: synthetic.seed, stream: 21, index: 0)
        var out = "order,order_date,name,name_kana,postal_code,address,phone,email,payment,sku,quantity,price\n"
        out.reserveCapacity(options.orders * 220)
        let payments = ["クレジットカード", "NP後払い", "代金引換", "銀行振込"]
        func cell(_ s: String?) -> String {
            guard let s else { return "" }
            return s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        for j in 0..<options.orders {
            let person = r.chance(hitShare) ? r.below(options.records) : options.records + 50_000_000 + j
            let id = synthetic.raw(person)
            let minute = j * 2
            let date = String(format: "2026/11/%02d %02d:%02d", 1 + (minute / 1440) % 28, (minute / 60) % 24, minute % 60)
            out += "A\(j),\(date),\(cell(id.name)),\(cell(id.nameKana)),\(cell(id.postalCode)),\(cell(id.address)),\(cell(id.phone)),\(cell(id.email)),"
            out += "\(r.pick(payments)),SKU-\(r.below(300)),\(1 + r.below(3)),\(500 + r.below(20_000))\n"
        }
        let data = Data(out.utf8)
        try data.write(to: URL(fileURLWithPath: path))
        return data.count
    }

    func run(db: AppDatabase, index: TokenIndex, csvPath: String, log: (String) -> Void) async throws -> Result {
        var result = Result()
        let normalizer = try Normalizer.bundled()
        // Baseline: the file read and cut into lines and fields, nothing else.
        let (fieldCount, rs) = try Stopwatch.time { () throws -> Int in
            let text = try String(contentsOfFile: csvPath, encoding: .utf8)
            var n = 0
            for line in text.split(separator: "\n") { n += line.split(separator: ",", omittingEmptySubsequences: false).count }
            return n
        }
        result.readSplitSeconds = rs
        log("part 4: baseline read + split: \(fieldCount) fields in \(String(format: "%.2f", rs)) s")

        let (groups, ps) = try Stopwatch.time { () throws -> [OrderCSV.Group] in
            let file: OrderCSV
            file = try Self.readCSV(csvPath)
            return file.groups()
        }
        result.parseSeconds = ps
        let orders = groups.compactMap { $0.order }
        result.orders = orders.count
        guard orders.count == options.orders else { throw BenchError("parsed \(orders.count) orders of \(options.orders)") }
        log(String(format: "part 4: CSV parsed into %d orders in %.2f s", orders.count, ps))

        let now = OrderTimestamp.parse("2026/11/29 00:00")!
        let screener = try OrderScreener(database: db, normalizer: normalizer, keyring: keyring, policy: ScreeningPolicy(),
                                         velocityKey: Array(repeating: 0x5A, count: 32), now: now, tokenIndex: index)
        for start in stride(from: 0, to: orders.count, by: 10_000) {
            let batch = Array(orders[start..<min(start + 10_000, orders.count)])
            let (prepared, a) = Stopwatch.time { screener.prepare(batch) }
            let (lookups, b) = try await Stopwatch.time { try await screener.lookup(prepared) }
            let (results, c) = try Stopwatch.time { try screener.decide(prepared, lookups: lookups, now: now) }
            result.prepareSeconds += a
            result.lookupSeconds += b
            result.decideSeconds += c
            for r in results {
                result.decisions[r.decision, default: 0] += 1
                if !r.lookup.isEmpty { result.matched += 1 }
            }
        }
        // The history is written behind phase 3; the wait for its last write belongs to phase 3.
        let (_, flush) = try await Stopwatch.time { try await screener.flushHistory() }
        result.decideSeconds += flush
        log(String(format: "part 4: waited %.2f s at the end for the history writes", flush))
        // Diagnostic: the CSV phase's two halves (decode + parse, then mapping + grouping).
        do {
            let (file, rd) = try Stopwatch.time { () throws -> OrderCSV in
                return try Self.readCSV(csvPath)
            }
            let (_, gr) = Stopwatch.time { file.groups() }
            log(String(format: "part 4: diagnostic CSV: read + decode + parse %.2f s, map + group %.2f s", rd, gr))
        }
        // Diagnostic: the parts of phase 3 on the first 10,000 orders, timed apart.
        do {
            let sample = Array(orders.prefix(10_000))
            let prepared = screener.prepare(sample)
            let lookups = try await screener.lookup(prepared)
            let keyer = VelocityKeyer(key: Array(repeating: 0x11, count: 32))
            let (entries, k) = Stopwatch.time { prepared.map { keyer.entry(reference: $0.order.reference, recipient: $0.recipient, billing: $0.billing, at: $0.order.placedAt ?? now, payLater: false) } }
            var index = VelocityIndex()
            let (facts, f) = Stopwatch.time { entries.map { e in let x = index.facts(for: e, policy: screener.engine.policy); index.insert(e); return x } }
            let (_, ev) = Stopwatch.time { zip(prepared.indices, facts).map { i, fa in screener.engine.evaluate(ScreeningInput(order: prepared[i].order, billing: prepared[i].billing, recipient: prepared[i].recipient, shipping: prepared[i].shipping, lookup: lookups[i], velocity: fa)) } }
            let (_, w) = try Stopwatch.time { try db.recordScreened(entries.map { ($0, 0, ScreeningDecision.pass) }, forgetBefore: 0) }
            log(String(format: "part 4: diagnostic per 10,000 orders: keyed tokens %.3f s, velocity facts %.3f s, rules %.3f s, history write %.3f s", k, f, ev, w))
        }
        log(String(format: "part 4: screened in %.2f s (normalise + blind %.2f, lookup %.2f, rules + velocity + history %.2f)",
                   result.prepareSeconds + result.lookupSeconds + result.decideSeconds, result.prepareSeconds, result.lookupSeconds, result.decideSeconds))
        return result
    }

    /// The file parsed as `mibarai check --csv` parses it.
    static func readCSV(_ path: String) throws -> OrderCSV {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        do { return try OrderCSV.parse(data, name: path) } catch { throw BenchError(error.message.en) }
    }
}
