import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// The database's backup and the marker of a restored copy: a backup taken while another
/// connection writes is a whole database with every commit made before it; a file that is not a
/// whole database of this kind is refused; a restored copy stays marked until its own log is
/// recovered, and then takes back the statuses that log gave its reports.
@Suite("Backup and restore of the database")
struct BackupTests {
    let dir = TemporaryDirectory()
    let normalizer = try! Normalizer.bundled()
    let blinder = Blinder(key: Fixtures.key)

    func blinded(_ r: Report) -> BlindedRecord {
        BlindedRecord(report: r, origin: "shop-test", normalized: normalizer.normalize(r.identity), blinder: blinder)
    }

    /// A report of its own id (each call makes a new one).
    func report(_ n: Int) -> Report { Fixtures.report(amount: 1_000 + n) }

    @Test func aBackupTakenWhileAnotherConnectionWritesIsWholeAndConsistent() async throws {
        let db = try AppDatabase(path: dir.path("node.sqlite"))
        let writer = try AppDatabase(path: dir.path("node.sqlite"))
        for n in 0..<50 { let r = report(n); try db.add(r, blinded: blinded(r), on: Fixtures.today) }
        // Another connection keeps adding reports while the backup runs.
        let adding = Task.detached {
            for n in 50..<250 { let r = report(n); try writer.add(r, blinded: blinded(r), on: Fixtures.today) }
        }
        try db.backup(to: dir.path("copy.sqlite"))
        try await adding.value
        let copied = try AppDatabase.checkCopy(at: dir.path("copy.sqlite"))
        #expect(copied >= 50 && copied <= 250, "\(copied)")
        // One file: no journal left beside it.
        #expect(!FileManager.default.fileExists(atPath: dir.path("copy.sqlite-wal")))
        // The copy opens as a node's database and holds whole reports with their records.
        let copy = try AppDatabase(path: dir.path("copy.sqlite"))
        #expect(try copy.reportCount() == copied)
        #expect(try copy.blindedRecords(origin: "shop-test").count == copied)
        #expect(try copy.ownLogRecoveryPending() == nil)
    }

    @Test func whatIsNotAWholeDatabaseIsRefused() throws {
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: dir.path("junk.sqlite")))
        #expect(throws: StoreError.self) { try AppDatabase.checkCopy(at: dir.path("junk.sqlite")) }
        #expect(throws: StoreError.self) { try AppDatabase.checkCopy(at: dir.path("missing.sqlite")) }
        // A database cut short.
        let db = try AppDatabase(path: dir.path("node.sqlite"))
        for n in 0..<200 { let r = report(n); try db.add(r, blinded: blinded(r), on: Fixtures.today) }
        try db.backup(to: dir.path("whole.sqlite"))
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir.path("whole.sqlite")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: dir.path("half.sqlite")))
        #expect(throws: StoreError.self) { try AppDatabase.checkCopy(at: dir.path("half.sqlite")) }
        #expect(try AppDatabase.checkCopy(at: dir.path("whole.sqlite")) == 200)
    }

    @Test func aRestoredCopyStaysMarkedUntilItsLogGivesItsStatusesBack() throws {
        let db = try AppDatabase(path: dir.path("node.sqlite"))
        let (kept, paid, withdrawn) = (report(1), report(2), report(3))
        for r in [kept, paid, withdrawn] { try db.add(r, blinded: blinded(r), on: Fixtures.today) }
        try db.backup(to: dir.path("copy.sqlite"))
        try AppDatabase.markRestored(copyAt: dir.path("copy.sqlite"), on: Fixtures.today)
        let copy = try AppDatabase(path: dir.path("copy.sqlite"))
        #expect(try copy.ownLogRecoveryPending() == Fixtures.today.description)

        // The node's log says one was paid and one withdrawn after the backup.
        var records = try copy.blindedRecords(origin: "shop-test")
        for i in records.indices {
            if records[i].id == paid.id { records[i].status = .paid }
            if records[i].id == withdrawn.id { records[i].status = .withdrawn; records[i].tokens = [] }
        }
        #expect(try copy.endOwnLogRecovery(records: records, on: Fixtures.today) == 2)
        #expect(try copy.ownLogRecoveryPending() == nil)
        #expect(try copy.report(kept.id)?.status == .open)
        #expect(try copy.report(paid.id)?.status == .paid)
        #expect(try copy.report(withdrawn.id)?.status == .withdrawn)
        #expect(try copy.events(of: paid.id).contains { $0.kind == "restored" && $0.detail == "paid" })
        let after = try copy.blindedRecords(origin: "shop-test")
        #expect(after.first { $0.id == withdrawn.id }?.tokens.isEmpty == true)
        #expect(after.first { $0.id == paid.id }?.status == .paid)
    }
}
