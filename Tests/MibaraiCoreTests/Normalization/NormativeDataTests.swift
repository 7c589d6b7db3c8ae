import Crypto
import Foundation
@testable import MibaraiCore
import MibaraiTestSupport
import Testing

/// The normative data files of `Protocol/data/`, the SHA-256 that `Protocol/normalization.md`
/// lists for each, and the node must agree: the node's bundled tables are byte-identical copies,
/// and the character lists that the node keeps as code (dash set, white space, place-key variant
/// kanji) hold exactly the files' entries. Spec, data and node cannot drift apart unnoticed.
@Suite("Normative data files")
struct NormativeDataTests {
    /// Every file in `Protocol/data/`.
    static let dataFiles = [
        "dashes.tsv", "white-space.tsv", "itaiji.tsv", "place-variant-kanji.tsv", "numbering-plan.tsv",
        "postal.tsv", "mail-domains.tsv", "unicode-15.1-additions.tsv",
    ]
    /// The files the node ships as resources, byte for byte.
    static let bundled = ["itaiji.tsv", "numbering-plan.tsv", "postal.tsv", "mail-domains.tsv"]

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: ProjectPaths.protocolFile("data/\(name)"))
    }

    /// The data lines of a file (comments and empty lines left out), split at tabs.
    static func rows(_ name: String) throws -> [[Substring]] {
        let text = try #require(String(data: try data(name), encoding: .utf8))
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }

    /// File name → SHA-256 (lower-case hex) from the table in `normalization.md`: a row that names
    /// the file in backquotes first and holds a 64-digit hex string.
    static func specHashes() throws -> [String: String] {
        let spec = try String(contentsOf: ProjectPaths.protocolFile("normalization.md"), encoding: .utf8)
        var hashes: [String: String] = [:]
        for line in spec.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = cells.first, first.hasPrefix("`"), first.hasSuffix("`") else { continue }
            let name = String(first.dropFirst().dropLast())
            for cell in cells {
                let hex = cell.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                if hex.count == 64, hex.allSatisfy(\.isHexDigit) { hashes[name] = hex.lowercased() }
            }
        }
        return hashes
    }

    static func scalar(_ cell: Substring) throws -> Unicode.Scalar {
        let hex = try #require(cell.hasPrefix("U+") ? cell.dropFirst(2) : nil)
        return try #require(UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init))
    }

    @Test("each data file starts with its version line and has the SHA-256 the spec lists", arguments: dataFiles)
    func specListsTheHash(name: String) throws {
        let data = try Self.data(name)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasPrefix("# mibarai-data \(name) version "), "\(name): no version line")
        let listed = try Self.specHashes()[name]
        #expect(listed == Self.sha256(data), "\(name): SHA-256 in normalization.md differs from the file")
    }

    @Test("the spec lists no file that Protocol/data/ does not hold")
    func noStrayHashes() throws {
        #expect(Set(try Self.specHashes().keys) == Set(Self.dataFiles))
        let present = try FileManager.default.contentsOfDirectory(atPath: ProjectPaths.protocolFile("data").path)
        #expect(Set(present) == Set(Self.dataFiles))
    }

    @Test("the node's bundled tables are byte-identical to Protocol/data/", arguments: bundled)
    func bundledTableIsTheNormativeFile(name: String) throws {
        let loaded = try BundledTable.text(name).get()
        #expect(Self.sha256(Data(loaded.utf8)) == Self.sha256(try Self.data(name)), "\(name) differs")
        let source = ProjectPaths.root.appendingPathComponent("Sources/MibaraiCore/Resources/\(name)")
        #expect(Self.sha256(try Data(contentsOf: source)) == Self.sha256(try Self.data(name)), "\(name) differs")
    }

    @Test("variant tables map each variant once, to a character that is no variant", arguments: ["itaiji.tsv", "place-variant-kanji.tsv"])
    func variantTablesAreOnePass(name: String) throws {
        let rows = try Self.rows(name)
        let variants = rows.map { $0[0] }
        #expect(Set(variants).count == variants.count, "\(name): a variant stands twice")
        #expect(!rows.contains { Set(variants).contains($0[1]) }, "\(name): a replacement is itself a variant")
    }

    @Test("the numbering plan holds each (prefix, length) once")
    func numberingPlanRowsAreUnique() throws {
        let pairs = try Self.rows("numbering-plan.tsv").map { "\($0[0]) \($0[1])" }
        #expect(Set(pairs).count == pairs.count)
        #expect(NumberingPlan.count == pairs.count)
    }

    @Test("the dash set of the code is dashes.tsv")
    func dashes() throws {
        var all: Set<UInt32> = []
        var strict: Set<UInt32> = []
        for row in try Self.rows("dashes.tsv") {
            #expect(row.count == 3)
            let u = try Self.scalar(row[0])
            all.insert(u.value)
            if row[1] == "dash" { strict.insert(u.value) } else { #expect(row[1] == "prolonged") }
        }
        #expect(Set(TextFolding.dashes.map { $0.unicodeScalars.first!.value }) == all)
        #expect(Set(TextFolding.unambiguousDashes.map { $0.unicodeScalars.first!.value }) == strict)
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if TextFolding.isDash(u) != all.contains(v) || AddressText.isDash(u) != strict.contains(v) {
                Issue.record("dash set differs at U+\(String(v, radix: 16, uppercase: true))")
            }
        }
    }

    @Test("the white space of the code is white-space.tsv")
    func whiteSpace() throws {
        let listed = Set(try Self.rows("white-space.tsv").map { try Self.scalar($0[0]).value })
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if TextFolding.isWhiteSpace(v) != listed.contains(v) || u.properties.isWhitespace != listed.contains(v) {
                Issue.record("white space differs at U+\(String(v, radix: 16, uppercase: true))")
            }
        }
    }

    @Test("the place-key variant list of the code is place-variant-kanji.tsv")
    func placeVariantKanji() throws {
        var listed: [Unicode.Scalar: Unicode.Scalar] = [:]
        for row in try Self.rows("place-variant-kanji.tsv") {
            #expect(row.count == 2 && row[0].unicodeScalars.count == 1 && row[1].unicodeScalars.count == 1)
            listed[row[0].unicodeScalars.first!] = row[1].unicodeScalars.first!
        }
        #expect(listed == PlaceKey.variantKanji)
    }

    @Test("the node's NFKC is that of Unicode 15.1 for the characters added in 15.0 and 15.1")
    func unicodeAdditions() throws {
        let rows = try Self.rows("unicode-15.1-additions.tsv")
        #expect(rows.count > 0)
        for row in rows {
            let u = try Self.scalar(row[0])
            let ccc = try #require(UInt8(row[1]))
            let mapping = try row[2].split(separator: " ").map(Self.scalar)
            let id = "U+\(String(u.value, radix: 16, uppercase: true))"
            if mapping.isEmpty {
                #expect(u.properties.canonicalCombiningClass.rawValue == ccc, "\(id)")
                // A mark of class > 1 after a mark of class 1 (U+0334) is reordered after it by NFKC.
                let s = String(String.UnicodeScalarView(["a", u, "\u{0334}"]))
                let expected: [Unicode.Scalar] = ccc > 1 ? ["a", "\u{0334}", u] : ["a", u, "\u{0334}"]
                #expect(Array(TextFolding.nfkc(s).unicodeScalars) == expected, "\(id)")
            } else {
                #expect(Array(TextFolding.nfkc(String(Character(u))).unicodeScalars) == mapping, "\(id)")
            }
        }
    }
}
