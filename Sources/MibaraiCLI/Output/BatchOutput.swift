import Foundation
import MibaraiCore
import MibaraiServer
import MibaraiImport

/// Writes the screened rows of `check --csv` to stdout, buffered.
///
/// CSV output is the file annotated (`OrderCSV+Annotation`: every column and row, with the
/// score, decision and reasons appended, in the file's own encoding).
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
        buffer.write(file.annotatedPreamble())
    }

    mutating func write(_ group: OrderCSV.Group, result: ScreeningResult) throws {
        switch format {
        case .csv:
            buffer.write(file.annotatedLines(group, result: result, language: language))
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
            buffer.write(file.annotatedLines(group, problem: problem, language: language))
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
}
