import Crypto
import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// A new node pulling a log longer than one delta from a real hub process: it notes the record
/// changes of the full deltas and applies them in batches, and ends holding exactly the records
/// the hub holds, status changes and withdrawals included.
@Suite("A new node catching up on a long log")
struct GossipCatchUpProcessTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    func signer(_ node: String) throws -> Curve25519.Signing.PrivateKey {
        let text = try String(contentsOfFile: dir.path(node) + "/node.key", encoding: .utf8)
        let raw = try #require(Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }

    @Test func aNewNodeEndsWithEveryRecordTheHubHolds() throws {
        try federation.create()
        for shop in ["shop-b", "shop-n"] { try federation.join(shop) }
        try federation.join("hub", role: "hub")

        // 2,600 entries of shop-b's, written into the hub's file before it starts: more than two
        // full deltas (1,024 entries each). A status change and a withdrawal come in the second.
        let shopB = try signer("shop-b")
        var ids: [ReportID] = []
        var entries: [LogEntry] = []
        var previous = EntryHash.zero
        for k in 1...2_600 {
            let body: LogBody
            switch k {
            case 1_500: body = .status(ids[10], .paid)
            case 1_501: body = .withdraw(ids[20])
            default:
                let id = ReportID()
                ids.append(id)
                body = .publish(RecordPublication(
                    id: id, epoch: 1, category: .nonPayment, amountYen: 1_000 + k, year: 2026, month: 10, status: .open,
                    expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
                    tokens: [BlindToken(type: .phone, value: TokenValue(high: UInt64(k), low: 7))]))
            }
            let e = try LogEntry.make(signer: shopB, seq: UInt64(k), previous: previous, body: body)
            previous = e.hash
            entries.append(e)
        }
        let hubFile = dir.path("hub") + "/mibarai.sqlite"
        do {
            let hubDB = try AppDatabase(path: hubFile)
            let hubID = NodeID(publicKey: try signer("hub").publicKey)
            try hubDB.saveLogEntries(try hubDB.takeInbox().map { try LogEntry(decoding: $0) }, me: hubID, names: [:])
            try hubDB.saveLogEntries(entries, me: hubID, names: [NodeID(publicKey: shopB.publicKey): "shop-b"])
        }
        let hubDB = try AppDatabase(path: hubFile)
        let held = try hubDB.blindedRecords(origin: "shop-b")
        #expect(held.count == 2_597)

        let (hub, hubPort) = try federation.start("hub")
        defer { hub.stop() }
        // By the hub's node id: the hub joined after the newcomer, whose bundle does not name it.
        let (newcomer, _) = try federation.start("shop-n", peers: ["\(NodeID(publicKey: try signer("hub").publicKey))@127.0.0.1:\(hubPort)"])
        defer { newcomer.stop() }
        let db = try AppDatabase(path: dir.path("shop-n") + "/mibarai.sqlite")
        let caughtUp = try federation.eventually(90) {
            try db.logEntryCount() == hubDB.logEntryCount() && db.pendingRecordChangeCount() == 0 && db.blindedRecordCount() == held.count
        }
        #expect(caughtUp, """
            holds \((try? db.logEntryCount()) ?? -1) entries of \((try? hubDB.logEntryCount()) ?? -1), \
            \((try? db.blindedRecordCount()) ?? -1) records; \(newcomer.stderr.suffix(1_500))
            """)

        let got = try db.blindedRecords(origin: "shop-b")
        let same = Set(got) == Set(held)
        #expect(same, "the newcomer holds \(got.count) records of shop-b's, the hub \(held.count)")
        #expect(got.first { $0.id == ids[10] }?.header.status == .paid)
        #expect(!got.contains { $0.id == ids[20] })
        // The records of the full deltas went through the noted changes.
        #expect(federation.eventually(10) { newcomer.stderr.contains("applied the record changes noted while catching up") },
                "\(newcomer.stderr.suffix(2_000))")
    }
}
