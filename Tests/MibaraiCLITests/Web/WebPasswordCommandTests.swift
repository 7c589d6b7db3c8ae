import Foundation
import MibaraiTestSupport
import Testing

/// Setting the web page's password: through a pipe (`web password`), and at a terminal (`init`
/// asks, `web password` asks twice), the terminal being a real pseudo-terminal made by
/// util-linux's `script`. The file holds a scrypt hash, never the password, readable by its
/// owner only; a short password or two different entries are refused and change nothing.
@Suite("Web page password")
struct WebPasswordCommandTests {
    let dir = TemporaryDirectory("mibarai-web-password")
    static let script = URL(fileURLWithPath: "/usr/bin/script")
    static let password = "tsukimi-dango-2026"

    /// `mibarai <arguments>` at a terminal, `typed` written to it.
    func atTerminal(_ arguments: [String], typed: String) throws -> CommandResult {
        let command = ([ProjectPaths.mibaraiExecutable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try CommandRunner.run(Self.script, ["-qec", command, "/dev/null"], stdin: Data(typed.utf8))
    }

    func stored(_ node: String) -> String? {
        try? String(contentsOfFile: "\(node)/web-password", encoding: .utf8)
    }

    @Test func initAsksAtATerminalAndTheFileHoldsAHashOnly() throws {
        let node = dir.path("node")
        let made = try atTerminal(["init", "--data-dir", node], typed: "\(Self.password)\n\(Self.password)\n")
        #expect(made.status == 0, "\(made.stdout) \(made.stderr)")
        let line = try #require(stored(node))
        #expect(line.hasPrefix("scrypt$15$8$1$") && !line.contains(Self.password))
        let mode = try FileManager.default.attributesOfItem(atPath: "\(node)/web-password")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Enter leaves it for later.
        let later = dir.path("later")
        #expect(try atTerminal(["init", "--data-dir", later], typed: "\n").status == 0)
        #expect(stored(later) == nil)
    }

    @Test func aShortOrMismatchedPasswordIsRefusedAndChangesNothing() throws {
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let short = try CommandRunner.mibarai(["web", "password", "--data-dir", node], stdin: Data("short\n".utf8))
        #expect(short.status != 0 && short.stderr.contains("短すぎます") && short.stderr.contains("too short"), "\(short.stderr)")
        #expect(stored(node) == nil)
        let set = try CommandRunner.mibarai(["web", "password", "--data-dir", node], stdin: Data("\(Self.password)\n".utf8))
        #expect(set.status == 0)
        let before = try #require(stored(node))
        let mismatch = try atTerminal(["web", "password", "--data-dir", node], typed: "kanto-one-2026\nkanto-two-2026\n")
        #expect(mismatch.status != 0 && (mismatch.stdout + mismatch.stderr).contains("一致しません"), "\(mismatch.stdout)")
        #expect(stored(node) == before)
        let empty = try CommandRunner.mibarai(["web", "password", "--data-dir", node], stdin: Data())
        #expect(empty.status != 0 && stored(node) == before)
    }
}
