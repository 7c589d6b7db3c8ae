import Foundation
import MibaraiCore
import MibaraiServer
import MibaraiImport

/// Writes the screened rows of `check --csv` to stdout, buffered.
///
/// CSV output keeps every column and row of the file and appends `mibarai_score`,
/// `mibarai_decision` and `mibarai_reasons` (in the chosen language), in the file's own encoding:
/// a Shift_JIS export comes back Shift_JIS (`ShiftJISText`), so the shop's program reads it back as
/// it wrote it; a UTF-8 one comes back UTF-8, with a BOM when it had one.
struct BatchOutput {
    let format: OutputFormat
    let file: OrderCSV
    let language: Language
    private var buffer = BufferedOutput()
    private let encoder = Console.jsonEncoder()

    init(format: OutputFormat, file: OrderCSV, language: Language) {
        self.format = format
        self.file = file
        self.language = language
    }

    mutating func begin() {
        guard format == .csv else { return }
        if file.hadBOM && file.encoding == .utf8 { buffer.write(Data([0xEF, 0xBB, 0xBF])) }
        line(file.header + ["mibarai_score", "mibarai_decision", "mibarai_reasons"])
    }

    mutating func write(_ group: OrderCSV.Group, result: ScreeningResult) throws {
        switch format {
        case .csv:
            let reasons = result.contributions.map { "\($0.reason.text(language)) (+\($0.weight))" }.joined(separator: "; ")
            for i in group.rows { line(file.rows[i] + [String(result.score), result.decision.name, reasons]) }
        case .json:
            var j = ScreeningJSON(result, reference: group.reference)
            j.row = group.rows.lowerBound + 2
            j.rows = group.rows.map { $0 + 2 }
            buffer.write(try encoder.encode(j))
            buffer.write(newline: ())
        case .text:
            // Orders to act on, and any federation match even when it does not change the decision.
            guard result.decision != .pass || !result.lookup.isEmpty else { return }
            buffer.write(prefix(group) + result.summary.text(language) + "\n")
        }
    }

    mutating func write(_ group: OrderCSV.Group, problem: Localized) throws {
        switch format {
        case .csv:
            for i in group.rows { line(file.rows[i] + ["", "error", problem.text(language)]) }
        case .json:
            var j = ScreeningJSON(problem: problem, reference: group.reference)
            j.row = group.rows.lowerBound + 2
            j.rows = group.rows.map { $0 + 2 }
            buffer.write(try encoder.encode(j))
            buffer.write(newline: ())
        case .text:
            buffer.write(prefix(group) + (language == .ja ? "審査できません: " : "cannot be screened: ") + problem.text(language) + "\n")
        }
    }

    mutating func finish() { buffer.flush() }

    /// Names an order by its number, the one the shop knows it by, with the row to find it in
    /// the file; by the row alone when the export has no order number.
    private func prefix(_ group: OrderCSV.Group) -> String {
        let line = group.rows.lowerBound + 2
        if let reference = group.reference, !reference.isEmpty {
            return language == .ja ? "注文 \(reference) (\(line)行目): " : "order \(reference) (row \(line)): "
        }
        return language == .ja ? "\(line)行目: " : "row \(line): "
    }

    private mutating func line(_ cells: [String]) {
        let text = cells.map(Self.quoted).joined(separator: ",") + "\r\n"
        if file.encoding == .shiftJIS { buffer.write(ShiftJISText.data(text)) } else { buffer.write(text) }
    }

    /// RFC 4180 quoting: a cell with a comma, quote or line break is quoted, quotes doubled.
    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
