import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// The local change version the gossip reads each tick instead of every own record: it moves
/// with each change of the node's own reports, records or inbox — from any connection, as a
/// command's would — and with nothing else.
@Suite("Local change version")
struct LocalChangeTests {
    let dir = TemporaryDirectory()
    let normalizer = try! Normalizer.bundled()
    let blinder = Blinder(key: Fixtures.key)

    func blinded(_ r: Report) -> BlindedRecord {
        BlindedRecord(report: r, origin: "shop-test", normalized: normalizer.normalize(r.identity), blinder: blinder)
    }

    @Test func movesWithOwnChangesSeenFromAnotherConnection() throws {
        let path = dir.path("node.sqlite")
        let node = try AppDatabase(path: path)
        // A second pool on the same file stands for the command's process.
        let command = try AppDatabase(path: path)
        var seen = try node.localChangeVersion()
        func moved() throws -> Bool {
            let now = try node.localChangeVersion()
            defer { seen = now }
            return now != seen
        }
        #expect(try !moved(), "reading changes nothing")

        var r = Fixtures.report()
        try command.add(r, blinded: blinded(r), on: Fixtures.today)
        #expect(try moved(), "a new report")
        r.status = .paid
        try command.update(r, blinded: blinded(r), on: Fixtures.today, event: "status")
        #expect(try moved(), "a status change")
        try command.enqueueLogEntries([[1, 2, 3]])
        #expect(try moved(), "an entry for the inbox")
        _ = try node.takeInbox()
        try node.store([blinded(r)])
        #expect(try moved(), "records blinded again")
        #expect(try !moved(), "nothing since")
        _ = try node.screenedOrders(since: 0)
        _ = try node.reports()
        #expect(try !moved(), "reads do not move it")
    }
}
