import Foundation
import MibaraiTestSupport
import Testing

/// A node never forgets who it was: a deleted or emptied database is an error with recovery
/// steps, never a silent new node; the file is its owner's only.
@Suite("Lost database")
struct LostDatabaseTests {
    let dir = TemporaryDirectory("mibarai-lost-db")
    var node: String { dir.path("node") }
    var database: String { dir.path("node/mibarai.sqlite") }

    func initialise() throws {
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the database holds raw personal data: owner only")
    }

    @Test(arguments: ["deleted", "emptied"])
    func aLostDatabaseIsAnErrorWithRecoverySteps(_ how: String) throws {
        try initialise()
        if how == "deleted" {
            try FileManager.default.removeItem(atPath: database)
        } else {
            try Data().write(to: URL(fileURLWithPath: database))
        }
        let r = try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "non-payment", "--amount", "1000",
                                           "--phone", "080-2468-1357"])
        #expect(r.status == 66, "\(r.stderr)")
        #expect(r.stderr.contains("mibarai.sqlite") && r.stderr.contains("バックアップ") && r.stderr.contains("backup"), "\(r.stderr)")
        let size = (try? FileManager.default.attributesOfItem(atPath: database))?[.size] as? Int
        #expect(size == nil || size == 0, "no new database was made in its place")
        #expect(try CommandRunner.mibarai(["report", "list", "--data-dir", node]).status == 66)
    }

    @Test func aLooseDatabaseIsTightenedWhenOpened() throws {
        try initialise()
        #expect(chmod(database, 0o644) == 0)
        #expect(try CommandRunner.mibarai(["report", "list", "--data-dir", node]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aJoinedNodeWithoutItsSigningKeyRecordsNothing() throws {
        try initialise()
        // A member's certificate marks a joined node; its signing key is gone.
        try FileManager.default.createDirectory(atPath: dir.path("node/federation"), withIntermediateDirectories: true)
        try Data("not checked here".utf8).write(to: URL(fileURLWithPath: dir.path("node/federation/node.pem")))
        try FileManager.default.removeItem(atPath: dir.path("node/node.key"))
        let r = try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "non-payment", "--amount", "1000",
                                           "--phone", "080-2468-1357", "--json"])
        #expect(r.status == 66, "\(r.stderr)")
        #expect(r.stderr.contains("node.key"), "\(r.stderr)")
        let list = try CommandRunner.mibarai(["report", "list", "--data-dir", node, "--json"])
        #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(list.stdout)")
    }
}
