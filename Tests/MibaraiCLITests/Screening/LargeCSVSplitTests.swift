import Foundation
import MibaraiTestSupport
import Testing

/// A CSV file above 1 MB is cut at row ends and its pieces parsed and grouped on all cores
/// (`OrderCSV.table`, `CSVRowSplitter`): quoted cells holding line breaks, commas and quotes,
/// CRLF and LF line ends, and orders spanning two rows must come out exactly as written, in order.
@Suite("Large CSV split across cores")
struct LargeCSVSplitTests {
    let dir = TemporaryDirectory("mibarai-large-csv")

    static func quoted(_ cell: String) -> String { "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test func everyOrderComesBackInOrder() throws {
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        // A reference with a line break, a comma and quotes; a long quoted cell of kana.
        func reference(_ k: Int) -> String { k % 3 == 0 ? "R\(k),\n\"x\"" : k % 3 == 1 ? "R\(k)\r\nz" : "R\(k)" }
        let padding = Self.quoted(String(repeating: "あい\"う,", count: 45) + "\n" + String(repeating: "え", count: 30))
        var text = "order,name,phone,item,quantity\n"
        var expected: [(reference: String, rows: [Int])] = []
        var row = 0
        var k = 0
        while text.utf8.count < 1_300_000 {
            let span = k % 10 == 7 ? 2 : 1
            var rows: [Int] = []
            for line in 0..<span {
                let name = line == 0 ? "試験 \(k)" : ""
                let end = (row % 2 == 0) ? "\r\n" : "\n"
                text += "\(Self.quoted(reference(k))),\(name),\(line == 0 ? "03-3333-\(String(format: "%04d", k % 10_000))" : ""),\(padding),\(1 + line)\(end)"
                rows.append(row + 2)
                row += 1
            }
            expected.append((reference(k), rows))
            k += 1
        }
        let path = dir.path("large.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = try CommandRunner.mibarai(["check", "--data-dir", node, "--csv", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        try #require(lines.count == expected.count)
        for (line, want) in zip(lines, expected) {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["reference"] as? String == want.reference)
            #expect(o["rows"] as? [Int] == want.rows)
            #expect(o["checkable"] as? Bool == true, "\(o["error"] ?? "")")
        }
    }
}
