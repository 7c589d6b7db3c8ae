import Foundation
import FuzzSupport
import MibaraiCore
import MibaraiImport

// A shop's order export as `mibarai check --csv` and `mibarai report import` read it:
// `OrderCSV.parse` (encoding, BOM, binary check, `CSVByteParser`, header layout), then
// `groups()` (rows grouped into orders, each read by `OrderForm`).
// Properties: no crash, no trap, no hang; and `CSVRowSplitter`'s pieces read by
// `CSVByteParser` give the same rows as the whole text (what the parallel read relies on).

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func orderCSVFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    checkPieces(bytes)
    if let csv = try? OrderCSV.parse(Data(bytes), name: "fuzz.csv") {
        _ = csv.groups()
    }
    return 0
}

/// The rows of the whole text equal the rows of its pieces, in order; an unclosed quoted cell
/// is seen either way.
func checkPieces(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { utf8 in
        let whole = CSVByteParser.read(utf8)
        let cuts = CSVRowSplitter.cuts(utf8, pieces: 4)
        guard !cuts.isEmpty else { return }
        FuzzCheck.expect(zip(cuts, cuts.dropFirst()).allSatisfy { $0 < $1 } && cuts.allSatisfy { $0 > 0 && $0 < utf8.count },
                         "cuts not ascending inside the text: \(cuts)")
        let bounds = [0] + cuts + [utf8.count]
        var rows: [[String]] = []
        var unclosed = false
        for (a, b) in zip(bounds, bounds.dropFirst()) {
            let piece = CSVByteParser.read(UnsafeBufferPointer(rebasing: utf8[a..<b]))
            rows += piece.rows
            unclosed = unclosed || piece.unclosedQuoteAt != nil
        }
        FuzzCheck.expect(rows == whole.rows, "pieces at \(cuts) read other rows than the whole text")
        FuzzCheck.expect(unclosed == (whole.unclosedQuoteAt != nil), "pieces at \(cuts) disagree on an unclosed quote")
    }
}

/// Runs libFuzzer on ``orderCSVFuzz``.
@main
enum Main {
    static func main() { FuzzDriver.run(orderCSVFuzz) }
}
