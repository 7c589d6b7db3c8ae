import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The Python normaliser written from `Protocol/normalization.md` alone
/// (`Protocol/conformance/normalize.py`, reading only `Protocol/data/`) and the node's
/// ``Normalizer`` must give the same canonical strings, field by field, for every normalisation
/// vector and every record of the shared sample corpus. A second implementation that agrees is
/// the evidence that the spec and its data files are enough to make tokens that meet.
///
/// Fails, never skips, when python3 or the corpus is missing. Differences are reported by record
/// id and field name only, never with the values (no personal data in test output).
@Suite("Conformance normaliser agrees with the node")
struct ConformanceNormalizerTests {
    /// One record sent to both normalisers.
    struct Record {
        var id: String
        var identity: Identity
    }

    static let script = ProjectPaths.protocolFile("conformance/normalize.py")

    /// One record per line of every `Protocol/vectors/normalization/*.jsonl` (the vector's input in
    /// its field; an address vector also carries its postal code), id `<file>:<line>`.
    static func vectorRecords() throws -> [Record] {
        let dir = ProjectPaths.protocolFile("vectors/normalization")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        var records: [Record] = []
        for file in files {
            let field = try #require(IdentityField(rawValue: String(file.dropLast(".jsonl".count))), "\(file)")
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("//") { continue }
                let v = try JSONDecoder().decode(NormalizationVector.self, from: Data(trimmed.utf8))
                var identity = Identity()
                switch field {
                case .name: identity.name = v.input
                case .nameKana: identity.nameKana = v.input
                case .postalCode: identity.postalCode = v.input
                case .address: identity.address = v.input; identity.postalCode = v.postal_code
                case .phone: identity.phone = v.input
                case .email: identity.email = v.input
                }
                records.append(Record(id: "\(file):\(n + 1)", identity: identity))
            }
        }
        return records
    }

    /// A corpus line: the six fields as typed, plus its id and variant.
    struct CorpusLine: Decodable {
        var id: String
        var variant: Int?
        var name: String?
        var name_kana: String?
        var postal_code: String?
        var address: String?
        var phone: String?
        var email: String?
    }

    /// Every record of `../shared/identity-samples/dev-v1.jsonl`, id `<id>#<variant>`.
    static func corpusRecords() throws -> [Record] {
        let url = try #require(ProjectPaths.shared("identity-samples/dev-v1.jsonl"), "../shared/identity-samples/dev-v1.jsonl is missing")
        return try JSONLines.read(CorpusLine.self, from: url).map { c in
            Record(id: "\(c.id)#\(c.variant ?? 0)", identity: Identity(
                name: c.name, nameKana: c.name_kana, postalCode: c.postal_code, address: c.address,
                phone: c.phone, email: c.email))
        }
    }

    /// Runs the Python normaliser over the records; its canonical fields, in record order.
    static func python(_ records: [Record]) throws -> [[String: String?]] {
        var input = Data()
        for r in records {
            let i = r.identity
            func value(_ s: String?) -> Any { s.map { $0 as Any } ?? NSNull() }
            let object: [String: Any] = [
                "id": r.id, "name": value(i.name), "name_kana": value(i.nameKana), "postal_code": value(i.postalCode),
                "address": value(i.address), "phone": value(i.phone), "email": value(i.email),
            ]
            input.append(try JSONSerialization.data(withJSONObject: object))
            input.append(UInt8(ascii: "\n"))
        }
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path], stdin: input)
        // Status 3 is a data file that failed its check (the message names the file only); otherwise
        // only the exception's type: its message might quote a value.
        let lastError = result.status == 3
            ? result.stderr
            : result.stderr.split(separator: "\n").last.map { String($0.prefix { $0 != ":" }) } ?? ""
        try #require(result.status == 0, "python3 \(script.lastPathComponent) exited with status \(result.status) \(lastError)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == records.count, "python3 wrote \(lines.count) lines for \(records.count) records")
        return try zip(lines, records).map { line, record in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            try #require(object["id"] as? String == record.id, "python3 output out of order at \(record.id)")
            var fields: [String: String?] = [:]
            for f in IdentityField.allCases {
                let value = try #require(object[f.rawValue], "python3 output lacks \(f.rawValue) for \(record.id)")
                fields[f.rawValue] = value is NSNull ? String?.none : .some(try #require(value as? String))
            }
            return fields
        }
    }

    /// Compares both normalisers over `records`; records the differences by id and field name.
    static func compare(_ records: [Record], _ what: String) throws {
        let node = try Normalizer.bundled()
        let python = try python(records)
        var differences: [String] = []
        for (record, theirs) in zip(records, python) {
            let ours = node.normalize(record.identity)
            for f in IdentityField.allCases where ours[f] != theirs[f.rawValue] ?? nil {
                differences.append("\(record.id) \(f.rawValue)")
            }
        }
        let differing = differences.count
        let first = differences.prefix(8).joined(separator: ", ")
        #expect(differing == 0, "\(what): \(differing) differing fields over \(records.count) records; first: \(first)")
    }

    @Test("every normalisation vector")
    func vectors() throws {
        let records = try Self.vectorRecords()
        #expect(records.count >= 170)
        try Self.compare(records, "vectors")
    }

    /// A known difference, kept visible: the node's address folding keeps the half-width prolonged
    /// sound mark ｰ U+FF70 when every other character of the address is one its fast path handles,
    /// where NFKC (normalization.md § Common folding) gives ー U+30FC. It shows in a canonical string
    /// only when the mark is not between two digits and lands in typed text (an unknown town, a hold's
    /// office, an undecided city) or keeps a town from matching. Fixing it changes tokens, so it is a
    /// protocol decision; when the node is fixed this known issue stops being recorded and the test
    /// says so.
    @Test("known difference: U+FF70 kept in an address")
    func halfwidthProlongedMarkInAddress() throws {
        let records = [Record(id: "synthetic-ff70", identity: Identity(address: "新潟県長岡市\u{FF70}南町"))]
        try withKnownIssue("the node keeps U+FF70 in an address where NFKC gives U+30FC") {
            try Self.compare(records, "U+FF70 in an address")
        }
    }

    @Test("every record of the shared sample corpus")
    func corpus() throws {
        let records = try Self.corpusRecords()
        #expect(records.count >= 1_800)
        try Self.compare(records, "dev-v1.jsonl")
    }
}
