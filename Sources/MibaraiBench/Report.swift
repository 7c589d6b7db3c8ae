import Foundation

/// The bench's figures: a human table (metric, value, baseline, ratio, goal, met) and a JSON form.
struct Report: Encodable {
    struct Goal: Encodable {
        enum Op: String, Encodable { case atLeast = ">=", below = "<", atMost = "<=" }
        var op: Op
        var threshold: Double
        func met(_ v: Double) -> Bool {
            switch op {
            case .atLeast: v >= threshold
            case .below: v < threshold
            case .atMost: v <= threshold
            }
        }
    }

    struct Row: Encodable {
        var section: String
        var metric: String
        var unit: String
        var value: Double
        var baseline: Double?
        var baselineName: String?
        /// value / baseline. For rates above 1 is faster than the baseline; for latencies and bytes,
        /// above 1 is slower / larger.
        var ratio: Double? { baseline.flatMap { $0 > 0 ? value / $0 : nil } }
        var goal: Goal?
        var met: Bool? { goal?.met(value) }

        enum CodingKeys: String, CodingKey { case section, metric, unit, value, baseline, baselineName, ratio, goal, met }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(section, forKey: .section)
            try c.encode(metric, forKey: .metric)
            try c.encode(unit, forKey: .unit)
            try c.encode(value, forKey: .value)
            try c.encodeIfPresent(baseline, forKey: .baseline)
            try c.encodeIfPresent(baselineName, forKey: .baselineName)
            try c.encodeIfPresent(ratio, forKey: .ratio)
            try c.encodeIfPresent(goal, forKey: .goal)
            try c.encodeIfPresent(met, forKey: .met)
        }
    }

    var tool = "mibarai-bench"
    var settings: [String: String] = [:]
    var rows: [Row] = []
    var notes: [String: String] = [:]

    mutating func add(
        _ section: String, _ metric: String, _ unit: String, _ value: Double,
        baseline: Double? = nil, _ baselineName: String? = nil, goal: Goal? = nil
    ) {
        rows.append(Row(section: section, metric: metric, unit: unit, value: value, baseline: baseline,
                        baselineName: baselineName, goal: goal))
    }

    // MARK: text

    func table() -> String {
        let header = ["metric", "value", "baseline", "ratio", "goal", "met"]
        var lines: [[String]] = []
        var out = ""
        for (k, v) in settings.sorted(by: { $0.key < $1.key }) { out += "\(k): \(v)\n" }
        out += "\n"
        var sections: [String] = []
        for r in rows where !sections.contains(r.section) { sections.append(r.section) }
        var sectionStarts: [Int: String] = [:]
        for s in sections {
            sectionStarts[lines.count] = s
            for r in rows where r.section == s {
                lines.append([
                    r.metric,
                    Self.format(r.value, r.unit),
                    r.baseline.map { Self.format($0, r.unit) + (r.baselineName.map { " (\($0))" } ?? "") } ?? "-",
                    r.ratio.map { String(format: "%.3fx", $0) } ?? "-",
                    r.goal.map { "\($0.op.rawValue) \(Self.format($0.threshold, r.unit))" } ?? "-",
                    r.met.map { $0 ? "met" : "NOT MET" } ?? "-",
                ])
            }
        }
        var widths = header.map(\.count)
        for l in lines { for (i, c) in l.enumerated() { widths[i] = max(widths[i], Self.width(c)) } }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - Self.width(c))
                return i == 0 ? c + pad : pad + c
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        out += render(header) + "\n" + rule + "\n"
        for (i, l) in lines.enumerated() {
            if let s = sectionStarts[i] { out += (i == 0 ? "" : "\n") + "[\(s)]\n" }
            out += render(l) + "\n"
        }
        if !notes.isEmpty {
            out += "\n"
            for (k, v) in notes.sorted(by: { $0.key < $1.key }) { out += "\(k): \(v)\n" }
        }
        return out
    }

    /// Terminal columns: one per character (only ASCII and µ ever appear in the table).
    static func width(_ s: String) -> Int { s.count }

    static func format(_ v: Double, _ unit: String) -> String {
        switch unit {
        case "/s": grouped(v) + " /s"
        case "µs": String(format: v < 10 ? "%.2f µs" : "%.1f µs", v)
        case "B": String(format: "%.1f B", v)
        default: String(format: "%.3g", v) + (unit.isEmpty ? "" : " " + unit)
        }
    }

    static func grouped(_ v: Double) -> String {
        let n = Int(v.rounded())
        var s = String(abs(n))
        var out = ""
        while s.count > 3 {
            out = "," + s.suffix(3) + out
            s.removeLast(3)
        }
        return (n < 0 ? "-" : "") + s + out
    }

    func json() throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(self), as: UTF8.self)
    }
}
