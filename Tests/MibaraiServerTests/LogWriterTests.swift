import Crypto
import Foundation
import Logging
import MibaraiCore
import MibaraiStore
@testable import MibaraiServer
import MibaraiTestSupport
import Testing

/// When the log writer applies the record changes it noted while the node caught up, in a real
/// SQLite file. The writers here wait an hour where a node's waits 1, 30 or 60 s before it applies
/// on its own (however slowly a loaded machine runs the test), so a change applied here was
/// applied because the catch-up was said to be over.
@Suite("Log writer")
struct LogWriterTests {
    let dir = TemporaryDirectory("mibarai-log-writer")
    let me = Curve25519.Signing.PrivateKey()
    let origin = Curve25519.Signing.PrivateKey()
    var originID: NodeID { NodeID(publicKey: origin.publicKey) }

    /// `count` publications of one origin, chained from seq 1.
    func publications(_ count: Int) throws -> [LogEntry] {
        var previous = EntryHash.zero
        return try (1...count).map { n in
            let body = LogBody.publish(RecordPublication(
                id: ReportID(),
                epoch: 1, category: .nonPayment, amountYen: 5_000, year: 2026, month: 11, status: .open,
                expiresOn: LocalDate(year: 2031, month: 11, day: 1)!,
                tokens: [BlindToken(type: .phone, value: TokenValue(high: UInt64(n), low: 7))]))
            let e = try LogEntry.make(signer: origin, seq: UInt64(n), previous: previous, body: body)
            previous = e.hash
            return e
        }
    }

    func writer(_ name: String) throws -> (LogWriter, AppDatabase) {
        let db = try AppDatabase(path: dir.path(name))
        let hour = DispatchTimeInterval.seconds(3_600)
        let writer = LogWriter(database: db, me: NodeID(publicKey: me.publicKey), logger: Logger(label: "test"),
                               delays: .init(maxNoteAge: hour, idle: hour, stall: hour))
        return (writer, db)
    }

    /// Record changes waiting to be applied, and records a lookup finds.
    func held(_ db: AppDatabase) throws -> (noted: Int, findable: Int) {
        (try db.pendingRecordChangeCount(), try db.blindedRecordCount())
    }

    func batch(_ entries: ArraySlice<LogEntry>, catchingUp: Bool) -> LogWriter.Batch {
        LogWriter.Batch(entries: Array(entries), proofs: [], names: [originID: "shop-a"], peer: originID, catchingUp: catchingUp)
    }

    @Test func aCatchUpEndingOnAnExactlyFullDeltaIsAppliedWhenItIsSaidToBeOver() async throws {
        let entries = try publications(40)
        let (writer, db) = try writer("full.sqlite")
        writer.enqueue(batch(entries[0..<20], catchingUp: true))
        writer.enqueue(batch(entries[20..<40], catchingUp: true))
        await writer.flush()
        // Held, but only noted: after a full delta the writer would wait 30 s for more.
        #expect(try held(db) == (40, 0))
        writer.catchUpEnded()
        await writer.flush()
        #expect(try held(db) == (0, 40))
    }

    @Test func theLastDeltaOfACatchUpIsAppliedWithItsBatchBeforeTheIdleDelay() async throws {
        let entries = try publications(30)
        let (writer, db) = try writer("last.sqlite")
        writer.enqueue(batch(entries[0..<20], catchingUp: true))
        writer.enqueue(batch(entries[20..<30], catchingUp: false))
        // Said while the batches may still wait: the apply follows them.
        writer.catchUpEnded()
        await writer.flush()
        #expect(try held(db) == (0, 30))
    }

    @Test func withoutTheEndOfTheCatchUpTheNotesWait() async throws {
        let entries = try publications(10)
        let (writer, db) = try writer("wait.sqlite")
        writer.enqueue(batch(entries[0..<10], catchingUp: true))
        await writer.flush()
        #expect(try db.pendingRecordChangeCount() == 10)
        // Said when nothing is noted, the end of a catch-up leaves nothing behind: a later
        // catch-up's notes wait as before.
        let (other, otherDB) = try self.writer("none.sqlite")
        other.catchUpEnded()
        await other.flush()
        other.enqueue(batch(entries[0..<5], catchingUp: true))
        await other.flush()
        #expect(try held(otherDB) == (5, 0))
    }
}
