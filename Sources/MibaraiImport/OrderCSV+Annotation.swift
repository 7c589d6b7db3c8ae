import Foundation
import MibaraiCore

/// The file a shop gets back from screening an export: every column and row of its own file,
/// with `mibarai_score`, `mibarai_decision` and `mibarai_reasons` appended, in the file's own
/// encoding (a Shift_JIS export comes back Shift_JIS, a UTF-8 one UTF-8, with a BOM when it had
/// one), so the shop's program reads it back as it wrote it. Shared by `check --csv` and the web page.
extension OrderCSV {
    /// The BOM (when the file had one) and the header line.
    public func annotatedPreamble() -> Data {
        var data = Data()
        if hadBOM && encoding == .utf8 { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        data.append(encodedLine(header + ["mibarai_score", "mibarai_decision", "mibarai_reasons"]))
        return data
    }

    /// The lines of one order's rows, annotated with its screening.
    public func annotatedLines(_ group: Group, result: ScreeningResult, language: Language) -> Data {
        var notes = result.contributions.map { "\($0.reason.text(language)) (+\($0.weight))" }
        if result.lookup.incomplete { notes.append(LookupResult.incompleteNote.text(language)) }
        let reasons = notes.joined(separator: "; ")
        var data = Data()
        for i in group.rows { data.append(encodedLine(rows[i] + [String(result.score), result.decision.name, reasons])) }
        return data
    }

    /// The lines of an order that could not be screened, with the reason.
    public func annotatedLines(_ group: Group, problem: Localized, language: Language) -> Data {
        var data = Data()
        for i in group.rows { data.append(encodedLine(rows[i] + ["", "error", problem.text(language)])) }
        return data
    }

    /// One line, RFC 4180-quoted, CRLF-ended, in the file's encoding.
    public func encodedLine(_ cells: [String]) -> Data {
        let text = cells.map(Self.quoted).joined(separator: ",") + "\r\n"
        return encoding == .shiftJIS ? ShiftJISText.data(text) : Data(text.utf8)
    }

    /// RFC 4180 quoting: a cell with a comma, quote or line break is quoted, quotes doubled.
    public static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
