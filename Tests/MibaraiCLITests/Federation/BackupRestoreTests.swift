import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `mibarai backup` while `serve` runs, and `mibarai restore` of an old backup in a federation of
/// real processes: the restored node takes back from the hub what it signed after the backup
/// before it signs anything new, so a report added at once reaches the hub and no peer sees
/// equivocation; a payment marked after the backup stays paid; a report the backup lacks is
/// withdrawn everywhere.
@Suite("Backup and restore", .serialized)
struct BackupRestoreTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    @discardableResult
    func mibarai(_ args: [String]) throws -> CommandResult { try federation.mibarai(args) }

    func add(_ phone: String, amount: Int) throws -> String {
        let r = try mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "\(amount)",
                             "--phone", phone, "--incident-date", "2026-10-01", "--json"])
        return try #require((try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])?["id"] as? String, "\(r.stdout)")
    }

    func hubStatus(_ phone: String) throws -> String? {
        try federation.lookup("hub", phone: phone).first { $0["origin"] as? String == "shop-a" }?["status"] as? String
    }

    @Test func anOldBackupRestoredTakesItsLogBackBeforeSigningAndNoPeerSeesEquivocation() throws {
        let (paidLater, kept, lost, afterRestore) = ("080-2468-1351", "080-2468-1352", "080-2468-1353", "080-2468-1354")
        try federation.create()
        try federation.join("hub", role: "hub")
        try federation.join("shop-a")
        let (hub, hubPort) = try federation.start("hub")
        defer { hub.stop() }
        let seed = "hub@127.0.0.1:\(hubPort)"
        var (a, _) = try federation.start("shop-a", peers: [seed])

        let paidID = try add(paidLater, amount: 12_800)
        _ = try add(kept, amount: 5_400)
        #expect(try federation.eventually { try hubStatus(paidLater) == "open" && hubStatus(kept) == "open" }, "the hub never saw shop-a's reports")

        // A backup while serve runs.
        let backup = try mibarai(["backup", "--data-dir", dir.path("shop-a"), "--to", dir.path("backup-1"), "--json"])
        let taken = try #require(try JSONSerialization.jsonObject(with: backup.stdoutData) as? [String: Any])
        #expect(taken["reports"] as? Int == 2)
        #expect((taken["files"] as? [String] ?? []).contains("node.key"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path("backup-1"))[.posixPermissions] as? Int
        #expect(mode == 0o700, "the backup holds personal data and keys")

        // After the backup: a new report, and a payment.
        _ = try add(lost, amount: 3_000)
        try mibarai(["report", "update", paidID, "--data-dir", dir.path("shop-a"), "--status", "paid"])
        #expect(try federation.eventually { try hubStatus(lost) == "open" && hubStatus(paidLater) == "paid" }, "the hub never saw the later changes")

        // Not under a running serve, and not a second serve.
        let refused = try CommandRunner.mibarai(["restore", "--data-dir", dir.path("shop-a"), "--from", dir.path("backup-1")])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("serve"), "\(refused.stderr)")
        // (Under `timeout`: a second serve that started would otherwise run on.)
        let second = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/timeout"), [
            "20", ProjectPaths.mibaraiExecutable.path, "serve", "--data-dir", dir.path("shop-a"), "--api-port", "0", "--no-federation",
        ])
        #expect(second.status == 64, "\(second.stderr)")
        #expect(try CommandRunner.mibarai(["report", "show", paidID, "--data-dir", dir.path("shop-a"), "--json"]).stdout.contains("paid"))

        #expect(a.stop() == 0)
        let restored = try mibarai(["restore", "--data-dir", dir.path("shop-a"), "--from", dir.path("backup-1")])
        #expect(restored.stdout.contains("before-restore"), "\(restored.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir.path("shop-a/mibarai.sqlite.before-restore")))

        // A report is added before the restored node starts: its first tick has something to
        // sign before the node has its log back.
        _ = try add(afterRestore, amount: 7_700)
        (a, _) = try federation.start("shop-a", peers: [seed])
        defer { a.stop() }
        #expect(try federation.eventually { try hubStatus(afterRestore) == "open" }, "the report made after the restore never reached the hub")
        // What the node signed after the backup was taken back, not contradicted.
        #expect(try federation.eventually { try hubStatus(paidLater) == "paid" })
        #expect(try federation.eventually { try hubStatus(lost) == nil }, "a report the backup lacks still matches at the hub")
        #expect(try hubStatus(kept) == "open")
        let shown = try CommandRunner.mibarai(["report", "show", paidID, "--data-dir", dir.path("shop-a"), "--json"])
        #expect(shown.stdout.contains("\"paid\""), "the payment marked after the backup is back at the shop: \(shown.stdout)")

        let logs = hub.stdout + hub.stderr + a.stdout + a.stderr
        #expect(!logs.lowercased().contains("equivocat"), "\(logs)")
        #expect(logs.contains("log is recovered after a restore"), "\(a.stderr)")
        for phone in [paidLater, kept, lost, afterRestore] { #expect(!logs.contains(phone)) }
    }

    @Test func aBackupOfAnotherNodeOrOfNothingIsRefusedAndChangesNothing() throws {
        try mibarai(["init", "--data-dir", dir.path("one"), "--node-id", "shop-one"])
        try mibarai(["init", "--data-dir", dir.path("two"), "--node-id", "shop-two"])
        try mibarai(["backup", "--data-dir", dir.path("one"), "--to", dir.path("one-backup")])
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.path("two/mibarai.sqlite")))

        let other = try CommandRunner.mibarai(["restore", "--data-dir", dir.path("two"), "--from", dir.path("one-backup")])
        #expect(other.status == 65, "\(other.stderr)")
        #expect(other.stderr.contains("shop-one") && other.stderr.contains("別のノード"), "\(other.stderr)")
        let empty = try CommandRunner.mibarai(["restore", "--data-dir", dir.path("two"), "--from", dir.path("nothing-here")])
        #expect(empty.status == 66, "\(empty.stderr)")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: dir.path("one-backup/mibarai.sqlite")))
        let broken = try CommandRunner.mibarai(["restore", "--data-dir", dir.path("one"), "--from", dir.path("one-backup")])
        #expect(broken.status == 65, "\(broken.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("two/mibarai.sqlite"))) == before)
        #expect(!FileManager.default.fileExists(atPath: dir.path("two/mibarai.sqlite.before-restore")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("one/mibarai.sqlite.before-restore")))
        // A backup into a folder that exists is refused.
        let again = try CommandRunner.mibarai(["backup", "--data-dir", dir.path("one"), "--to", dir.path("one-backup")])
        #expect(again.status == 64, "\(again.stderr)")
        #expect(!again.stderr.contains("引数が正しくありません"), "a command's own usage error is not argument-parser's: \(again.stderr)")

        // Into a lost machine's empty directory: the whole node comes back.
        try mibarai(["report", "add", "--data-dir", dir.path("one"), "--category", "non-payment", "--amount", "1000",
                     "--phone", "080-2468-1357"])
        try mibarai(["backup", "--data-dir", dir.path("one"), "--to", dir.path("one-backup-2")])
        try mibarai(["restore", "--data-dir", dir.path("new-machine"), "--from", dir.path("one-backup-2")])
        let list = try mibarai(["report", "list", "--data-dir", dir.path("new-machine"), "--json"])
        #expect(list.stdout.contains("080-2468-1357"))
        #expect(try CommandRunner.mibarai(["report", "add", "--data-dir", dir.path("new-machine"), "--category", "non-payment",
                                           "--amount", "1000", "--phone", "080-2468-1358"]).status == 0)
    }
}
