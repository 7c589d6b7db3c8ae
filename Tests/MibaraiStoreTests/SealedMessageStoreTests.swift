import Crypto
import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// Sealed messages in a real SQLite file (migration v12): the outbox until the node's log holds a
/// message, what arrives for this node kept sealed, and one answer per request whichever face
/// writes first.
@Suite("Sealed messages in the store")
struct SealedMessageStoreTests {
    let dir = TemporaryDirectory("mibarai-sealed")
    let meKey = Curve25519.Signing.PrivateKey()
    let otherKey = Curve25519.Signing.PrivateKey()
    let otherSealing = Curve25519.KeyAgreement.PrivateKey()
    static let day = LocalDate(year: 2026, month: 12, day: 7)!

    func sealed(_ message: ContactMessage, from: NodeID, to: NodeID, key: Curve25519.KeyAgreement.PrivateKey) throws -> SealedMessage {
        try SealedMessage.seal(message, from: from, to: to, sealingKey: Array(key.publicKey.rawRepresentation))
    }

    @Test func theOutboxEmptiesAsTheLogTakesItAndAnswersAreOnePerRequest() throws {
        let db = try AppDatabase(path: dir.path("node.sqlite"))
        let me = NodeID(publicKey: meKey.publicKey), other = NodeID(publicKey: otherKey.publicKey)
        let request = ContactMessage.request(ContactRequest(publication: ReportID(), shop: "神戸珈琲店", contact: "078", text: "ご連絡ください"))
        let m = try sealed(request, from: me, to: other, key: otherSealing)
        #expect(try db.queue(m, plaintext: request.paddedPlaintext(), toName: "shop-a", on: Self.day, caseNumber: 3))
        #expect(try db.queuedSealedMessages(me: me).map(\.id) == [m.id])
        #expect(try db.sentMessages(me: me).map { [$0.published ? 1 : 0, $0.caseNumber ?? 0] } == [[0, 3]])

        // Signed into this node's log: no longer queued, shown as sent.
        let entry = try LogEntry.make(signer: meKey, seq: 1, previous: .zero, body: .sealedMessage(m))
        try db.saveLogEntries([entry], me: me, names: [:])
        #expect(try db.queuedSealedMessages(me: me).isEmpty)
        #expect(try db.sentMessages(me: me).first?.published == true)
        #expect(try db.sealedMessages(to: me).isEmpty, "this node's own message is not addressed to it")

        // A request from the other shop arrives, still sealed; this shop answers it once.
        let mySealing = Curve25519.KeyAgreement.PrivateKey()
        let incoming = try sealed(request, from: other, to: me, key: mySealing)
        try db.saveLogEntries([try LogEntry.make(signer: otherKey, seq: 1, previous: .zero, body: .sealedMessage(incoming))], me: me, names: [:])
        let held = try #require(try db.sealedMessages(to: me).first)
        #expect(held.origin == other && held.message.open(from: other, as: me, sealingKey: mySealing) == request)
        let reply = ContactMessage.answer(ContactAnswer(inReplyTo: incoming.id, answer: .declines))
        for expected in [true, false] {
            let answer = try sealed(reply, from: me, to: other, key: otherSealing)
            let queued = try db.queue(answer, plaintext: reply.paddedPlaintext(), toName: "shop-a", on: Self.day, caseNumber: nil, inReplyTo: incoming.id)
            #expect(queued == expected, "a second answer to the same request is refused")
        }
        #expect(try db.queuedSealedMessages(me: me).count == 1)
    }
}
