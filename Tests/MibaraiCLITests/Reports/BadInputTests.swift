import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// Every bad input: a bilingual error, a non-zero exit, and nothing changed.
@Suite("CLI bad input")
struct BadInputTests {
    let dir = TemporaryDirectory("mibarai-bad")
    var dataDir: String { dir.path("node") }

    func mibarai(_ args: [String], stdin: Data? = nil) throws -> CommandResult {
        try CommandRunner.mibarai(args + ["--data-dir", dataDir], stdin: stdin)
    }

    func reportCount() throws -> Int {
        let r = try mibarai(["report", "list", "--json"])
        return try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [Any]).count
    }

    func expectRefused(_ args: [String], code: Int32, _ comment: Comment) throws {
        let r = try mibarai(args)
        #expect(r.status == code, comment)
        #expect(r.stderr.contains("エラー") && r.stderr.contains("error"), "bilingual: \(r.stderr)")
        for value in ["090-1234-5678", "見本"] { #expect(!r.allOutput.contains(value), "no identity value in errors") }
    }

    @Test func missingDataDirectory() throws {
        try expectRefused(["check", "--phone", "090-1234-5678"], code: 66, "no node")
        #expect(!FileManager.default.fileExists(atPath: dataDir))
    }

    @Test func badReportsChangeNothing() throws {
        #expect(try mibarai(["init"]).status == 0)
        let base = ["report", "add", "--phone", "090-1234-5678", "--name", "見本太郎"]
        try expectRefused(base + ["--category", "unpaid", "--incident-date", "2026-02-30"], code: 65, "bad date")
        try expectRefused(base + ["--category", "unpaid", "--amount=-500"], code: 65, "negative amount")
        try expectRefused(base + ["--category", "unpaid", "--amount", "abc"], code: 65, "not a number")
        try expectRefused(base + ["--category", "theft"], code: 65, "unknown category")
        try expectRefused(base + ["--category", "unpaid", "--incident-date", "2999-01-01"], code: 65, "future date")
        try expectRefused(base + ["--category", "unpaid", "--order-date", "2026-10-02", "--incident-date", "2026-10-01"], code: 65, "out of order")
        try expectRefused(["report", "add", "--category", "unpaid", "--name", "見本太郎"], code: 65, "nothing to match on")
        try expectRefused(["report", "add", "--category", "unpaid", "--name", "見本太郎", "--phone", "0120"], code: 65, "an invalid phone is nothing to match on")
        try expectRefused(["report", "add", "--category", "cod-refusal", "--postal-code", "503-8799", "--address", "岐阜県大垣市 大垣郵便局留め"],
                          code: 65, "a post-office hold without a name identifies nobody")
        try expectRefused(base + ["--category", "other", "--incident-date", "2020-01-01"], code: 65, "already past its retention")
        try expectRefused(base + ["--category", "unpaid", "--status", "withdrawn"], code: 64, "a new report cannot be withdrawn")
        try expectRefused(["check", "--name", "見本太郎"], code: 65, "a name alone is not checked")
        try expectRefused(["report", "show", "0123456789abcdef0123456789abcdef"], code: 66, "unknown report")
        try expectRefused(["init"], code: 64, "second init")
        #expect(try reportCount() == 0)
        let unknownOption = try mibarai(base + ["--category", "unpaid", "--nickname", "x"])
        #expect(unknownOption.status == 64)
        #expect(unknownOption.stderr.contains("エラー") && unknownOption.stderr.contains("nickname"))
        let stray = try mibarai(["check", "--name", "見本", "カナリア太郎"])
        #expect(stray.status == 64)
        #expect(stray.stderr.contains("Unexpected argument"))
        #expect(!stray.allOutput.contains("カナリア"), "a stray word of a name is not echoed")
        #expect(try reportCount() == 0)
    }

    @Test func initNeverOverwritesAPartialNode() throws {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let db = URL(fileURLWithPath: dataDir).appendingPathComponent("mibarai.sqlite")
        try Data("not a database".utf8).write(to: db)
        try expectRefused(["init"], code: 64, "a database is already there")
        #expect(try Data(contentsOf: db) == Data("not a database".utf8))
        #expect(!FileManager.default.fileExists(atPath: dataDir + "/federation-keys.json"))
    }

    @Test func unreadableCSVs() throws {
        #expect(try mibarai(["init"]).status == 0)
        try expectRefused(["check", "--csv", dir.path("absent.csv")], code: 66, "missing file")
        let binary = dir.path("binary.csv")
        _ = FileManager.default.createFile(atPath: binary, contents: Data([0x81, 0xFF, 0x00, 0xFE, 0x80, 0x81]))
        try expectRefused(["check", "--csv", binary], code: 65, "neither UTF-8 nor Shift_JIS")
        let noColumns = dir.path("nocolumns.csv")
        _ = FileManager.default.createFile(atPath: noColumns, contents: Data("sku,qty\nA,1\n".utf8))
        try expectRefused(["check", "--csv", noColumns], code: 65, "no identity column")
        // A quote opened on line 3 and never closed would swallow every later row.
        let unclosed = dir.path("unclosed.csv")
        _ = FileManager.default.createFile(atPath: unclosed, contents: Data("name,phone\n山田 太郎,03-1111-2222\n\"佐藤,090-0000-0000\n鈴木 一郎,03-3333-4444\n".utf8))
        try expectRefused(["check", "--csv", unclosed], code: 65, "unclosed quote")
        let r = try mibarai(["check", "--csv", unclosed])
        #expect(r.stderr.contains("line 3") && r.stderr.contains("3 行目"), "\(r.stderr)")
    }

    @Test func normalizeRejectsNonJSONLines() throws {
        let r = try CommandRunner.mibarai(["normalize", "--data-dir", dataDir], stdin: Data("{\"phone\":\"090-1234-5678\"}\nnot json\n".utf8))
        #expect(r.status == 65)
        #expect(r.stderr.contains("line 2") && r.stderr.contains("2行目"))
    }
}
