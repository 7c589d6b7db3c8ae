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
            // Compared as UTF-8 bytes: tokens hash bytes, and String's == would take canonically
            // equivalent strings (e.g. U+AC00 U+11A8 and U+AC01) as equal.
            for f in IdentityField.allCases where ours[f].map({ Array($0.utf8) }) != (theirs[f.rawValue] ?? nil).map({ Array($0.utf8) }) {
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

    /// Known differences between the node and normalization.md, kept visible on synthetic values
    /// (none is in the vectors or the corpus). The node's NFKC differs from Unicode's (§ Common
    /// folding) for input that Japanese identity fields rarely hold (the platform's NFKC, which the
    /// node falls back to for scalars outside its own fast paths, is wrong there):
    /// - a character above U+FFFF followed by a combining mark is composed as if it were the BMP
    ///   character with the same low 16 bits (U+2304B + U+3099 gives が);
    /// - marks are not reordered across a compatibility decomposition that ends in marks (U+0F77
    ///   followed by U+0334).
    /// Fixing any of them changes tokens, so it is a protocol decision; once the node is fixed, the
    /// known issue stops being recorded and the test says so.
    static let knownDifferences: [(id: String, identity: Identity)] = [
        ("supplementary-base-then-mark", Identity(name: "\u{2304B}\u{3099}", nameKana: "\u{2304B}\u{3099}")),
        ("marks-after-expanding-decomposition", Identity(name: "\u{0F77}\u{0334}")),
    ]

    @Test("known differences of the node from the spec", arguments: knownDifferences.map(\.id))
    func knownDifference(id: String) throws {
        let identity = try #require(Self.knownDifferences.first { $0.id == id }).identity
        withKnownIssue("the node's NFKC differs from Unicode's here") {
            try Self.compare([Record(id: id, identity: identity)], id)
        }
    }

    /// Fixed: the address folding's fast path kept the half-width ｰ U+FF70 (NFKC gives ー U+30FC),
    /// which showed where the mark was not between two digits.
    @Test("a half-width prolonged sound mark in an address folds as NFKC says")
    func halfWidthProlongedSoundMark() throws {
        try Self.compare([Record(id: "ff70-in-address", identity: Identity(address: "新潟県長岡市\u{FF70}南町")),
                          Record(id: "ff70-between-digits", identity: Identity(address: "新潟県長岡市南町1\u{FF70}2"))], "U+FF70")
    }

    /// Fixed: a precomposed Hangul LV syllable followed by a trailing consonant U+11A8–U+11C2
    /// was left uncomposed by the platform's NFKC.
    @Test("a Hangul syllable and a trailing consonant compose as NFKC says")
    func hangulLVT() throws {
        try Self.compare([Record(id: "hangul-lv-then-t", identity: Identity(name: "\u{AC00}\u{11A8}", nameKana: "\u{D558}\u{11AB}"))], "Hangul")
        #expect(TextFolding.nfkc("\u{AC00}\u{11A8}") == "\u{AC01}")
    }

    @Test("every record of the shared sample corpus")
    func corpus() throws {
        let records = try Self.corpusRecords()
        #expect(records.count >= 1_800)
        try Self.compare(records, "dev-v1.jsonl")
    }
}
