import Crypto
import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// A member that misbehaves on the wire, played by `openssl s_client` with a real member's
/// certificate against a real node: an altered entry, an oversized frame and a replay are
/// refused and nothing is stored; the same member's honest entry goes in. A revoked member is
/// then refused in the handshake by every node the revocation reached.
@Suite("Gossip refusals between real processes", .serialized)
struct GossipRefusalTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }
    static let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
    static let timeout = URL(fileURLWithPath: "/usr/bin/timeout")

    /// One TLS session as `member` to `port`: sends `bytes`, returns every byte the node answered
    /// until it closed (or 20 s passed).
    func session(as member: String, port: Int, sending bytes: [UInt8]) throws -> Data {
        let r = try CommandRunner.run(Self.timeout, [
            "20", Self.openssl.path, "s_client", "-connect", "127.0.0.1:\(port)", "-tls1_3", "-quiet",
            "-cert", dir.path("\(member)/federation/node.pem"), "-key", dir.path("\(member)/tls.key"),
            "-CAfile", dir.path("\(member)/federation/root.pem"),
        ], stdin: Data(bytes))
        return r.stdoutData
    }

    static let hello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 1, maxMessageBytes: 4_194_304, maxEntriesPerMessage: 1_024, listenAddress: "")).framed()
    /// A frame header announcing 5 MiB: the node answers too_large and closes.
    static let oversized: [UInt8] = [0x00, 0x50, 0x00, 0x00]

    static func errorFrame(_ code: GossipErrorCode, detail: UInt8) -> Data { Data(GossipMessage.error(code, detail: detail).framed()) }

    func signer(of node: String) throws -> Curve25519.Signing.PrivateKey {
        let text = try String(contentsOfFile: dir.path("\(node)/node.key"), encoding: .utf8)
        return try Curve25519.Signing.PrivateKey(rawRepresentation: Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))!)
    }

    func database(_ node: String) throws -> AppDatabase { try AppDatabase(path: dir.path("\(node)/mibarai.sqlite")) }

    @Test
    func alteredOversizedAndReplayedEntriesAreRefusedAndNothingIsStored() throws {
        try federation.create()
        // shop-b first, so shop-a's bundle carries shop-b's admission too (shop-b never runs here).
        try federation.join("shop-b")
        try federation.join("shop-a")
        let (a, port) = try federation.start("shop-a")
        defer { a.stop() }
        let db = try database("shop-a")
        // shop-a's serve takes in the operator's log from its inbox on its first tick.
        #expect(federation.eventually { (try? db.logEntryCount()) == 4 })
        let held = try db.logEntryCount()

        let record = RecordPublication(
            id: ReportID(), epoch: 1, category: .nonPayment, amountYen: 5_000, year: 2026, month: 11, status: .open,
            expiresOn: LocalDate(year: 2031, month: 11, day: 1)!, tokens: [BlindToken(type: .phone, value: TokenValue(high: 7, low: 9))]
        )
        let good = try LogEntry.make(signer: try signer(of: "shop-b"), seq: 1, previous: .zero, body: .publish(record))

        // Altered after signing: the signature fails, the node answers refused_entries(bad_signature) and closes.
        var bytes = good.encoded
        bytes[LogEntry.headerBytes + 20] ^= 0x01
        let altered = try LogEntry(decoding: bytes)
        let answer = try session(as: "shop-b", port: port, sending: Self.hello + GossipMessage.entries([altered]).framed())
        #expect(answer.range(of: Self.errorFrame(.refusedEntries, detail: EntryRefusal.badSignature.code)) != nil, "\(Array(answer))")
        #expect(try db.logEntryCount() == held)

        // Oversized: refused unread.
        let big = try session(as: "shop-b", port: port, sending: Self.hello + Self.oversized)
        #expect(big.range(of: Self.errorFrame(.tooLarge, detail: 0)) != nil, "\(Array(big))")

        // A forged origin: signed by a key the operator never admitted.
        let stranger = try LogEntry.make(signer: Curve25519.Signing.PrivateKey(), seq: 1, previous: .zero, body: .publish(record))
        _ = try session(as: "shop-b", port: port, sending: Self.hello + GossipMessage.entries([stranger]).framed() + Self.oversized)
        // A replay of what the node holds (the operator's first entry).
        let operatorFirst = try #require(try db.logEntries(operator: NodeID(hex: operatorKey())!).first)
        _ = try session(as: "shop-b", port: port, sending: Self.hello + GossipMessage.entries([try LogEntry(decoding: operatorFirst)]).framed() + Self.oversized)

        // The honest entry goes in, and its record is findable by its token. Entries are stored in
        // the order they arrive: once the honest one is in, the forged one and the replay would be
        // too, so exactly one more entry and one record show that both were refused.
        _ = try session(as: "shop-b", port: port, sending: Self.hello + GossipMessage.entries([good]).framed() + Self.oversized)
        #expect(federation.eventually { (try? db.logEntryCount()) ?? 0 > held })
        #expect(try db.logEntryCount() == held + 1)
        #expect(try db.blindedRecords(origin: "shop-b").map(\.id) == [record.id])
        #expect(a.stderr.contains("bad_signature"), "\(a.stderr)")

        // The operator's view: counts by reason on /metrics (bearer token), never a name or a value.
        let token = try String(contentsOfFile: dir.path("shop-a/api-token"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let metrics = try HTTPTestClient.request("GET", port: a.port, path: "/metrics", headers: ["Authorization": "Bearer \(token)"])
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("mibarai_gossip_entries_refused_total{reason=\"bad_signature\"} 1"), "\(metrics.text)")
        #expect(metrics.text.contains("mibarai_gossip_entries_stored_total \(held + 1)"), "\(metrics.text)")
        #expect(!metrics.text.contains("shop-b"))
        #expect(try HTTPTestClient.request("GET", port: a.port, path: "/metrics").status == 401)
    }

    func operatorKey() throws -> String {
        let info = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("op/federation.json")))) as! [String: Any]
        return info["operator_key"] as! String
    }

    @Test
    func aRevokedMemberIsRefusedEverywhereTheRevocationReaches() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        try federation.join("shop-a")
        try federation.join("shop-b")
        let (hub, hubPort) = try federation.start("hub")
        defer { hub.stop() }
        let (a, aPort) = try federation.start("shop-a", peers: ["hub@127.0.0.1:\(hubPort)"])
        defer { a.stop() }

        // Before: shop-b gets through the handshake at both and is answered (too_large for the
        // oversized frame). Both gates now hold shop-b's admission in their cache.
        for port in [hubPort, aPort] {
            let before = try session(as: "shop-b", port: port, sending: Self.hello + Self.oversized)
            #expect(before.range(of: Self.errorFrame(.tooLarge, detail: 0)) != nil, "\(Array(before))")
        }

        let revoked = try federation.mibarai(["federation", "revoke", "shop-b", "--operator-dir", dir.path("op"), "--reason", "misbehaviour",
                                              "--output", dir.path("revoke.json"), "--lang", "en"])
        #expect(revoked.stdout.contains("still holds the current blinding key") && revoked.stdout.contains("mibarai federation epoch"),
                "the operator is told the revoked member can still blind, and how to rotate: \(revoked.stdout)")
        try federation.mibarai(["node", "operator-log", dir.path("revoke.json"), "--data-dir", dir.path("hub")])

        // Imported at the hub, the revocation reaches shop-a by gossip; both then refuse shop-b in
        // the handshake, although its certificate was admitted (and cached) before.
        for (name, port) in [("hub", hubPort), ("shop-a", aPort)] {
            #expect(try federation.eventually { try session(as: "shop-b", port: port, sending: Self.hello + Self.oversized).isEmpty },
                    "\(name) still lets a revoked member in")
        }
        #expect(a.stderr.contains("revoked") || hub.stderr.contains("revoked"))
        // A file that is not the operator's is refused with a clear error and changes nothing.
        try Data("{\"version\":1}".utf8).write(to: URL(fileURLWithPath: dir.path("bad.json")))
        let bad = try CommandRunner.mibarai(["node", "operator-log", dir.path("bad.json"), "--data-dir", dir.path("hub")])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("operator log"), "\(bad.stderr)")
    }
}
