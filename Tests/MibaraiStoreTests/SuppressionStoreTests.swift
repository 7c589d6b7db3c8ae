import Crypto
import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// The operator's suppressions kept in a real SQLite file as its entries are saved (migration v10),
/// whether the node is catching up or not, and read back by a lookup.
@Suite("Suppressions in the store")
struct SuppressionStoreTests {
    let dir = TemporaryDirectory("mibarai-suppressions")
    let operatorKey = Curve25519.Signing.PrivateKey()
    let me = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)

    func entry(_ seq: UInt64, previous: EntryHash, _ body: LogBody) throws -> LogEntry {
        try LogEntry.make(signer: operatorKey, seq: seq, previous: previous, body: body)
    }

    @Test(arguments: [false, true])
    func aSuppressionIsKeptUntilLifted(stage: Bool) async throws {
        let db = try AppDatabase(path: dir.path("node-\(stage).sqlite"))
        let phone = BlindToken(type: .phone, value: TokenValue(high: 1, low: 2))
        let name = BlindToken(type: .nameAddress, value: TokenValue(high: 3, low: 4))
        let s = Suppression(id: SuppressionID(bytes: [UInt8](repeating: 0x5C, count: 16))!, reason: .impersonation,
                            tokens: [SuppressedToken(epoch: 1, token: phone), SuppressedToken(epoch: 1, token: name)])
        let suppress = try entry(1, previous: .zero, .suppress(s))
        try db.saveLogEntries([suppress], me: me, names: [:], stage: stage)
        #expect(try db.suppressionCount() == 1)
        #expect(try await db.suppressedTokens() == [phone: .impersonation, name: .impersonation])
        // Saved again (a replay written twice): the same rows.
        try db.saveLogEntries([suppress], me: me, names: [:], stage: stage)
        #expect(try await db.suppressedTokens().count == 2)
        try db.saveLogEntries([try entry(2, previous: suppress.hash, .lift(s.id))], me: me, names: [:], stage: stage)
        #expect(try db.suppressionCount() == 0)
        #expect(try await db.suppressedTokens().isEmpty)
        // Reopened: still lifted.
        let reopened = try AppDatabase(path: dir.path("node-\(stage).sqlite"))
        #expect(try await reopened.suppressedTokens().isEmpty)
    }
}
