import Crypto
import MibaraiCore
import MibaraiNode
import MibaraiStore
import Testing

/// Which answers go into a case's joint damage summary: only one from the member the request was
/// sent to, the first per request, sharing, and for that case; a copied request id or a claimed
/// shop name from anyone else is left out.
@Suite("Joint summary: whose answers count")
struct SharedAnswersTests {
    static func member() -> NodeID { NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey) }
    static func damage(_ yen: Int) -> SharedDamage {
        SharedDamage(publication: ReportID(), category: .nonPayment, amountYen: yen, incident: LocalDate(year: 2026, month: 10, day: 1)!)
    }

    static func request(_ id: SealedMessageID, to: NodeID, name: String, caseNumber: Int) -> AppDatabase.SentMessage {
        AppDatabase.SentMessage(id: id, recipient: to, recipientName: name, writtenOn: "2026-12-01",
                                message: .request(ContactRequest(publication: ReportID(), shop: "神戸珈琲店", contact: "078", text: "")),
                                caseNumber: caseNumber, published: true)
    }

    static func answer(from: NodeID, name: String, to request: SealedMessageID, _ kind: ContactAnswerKind, shop: String, yen: Int) -> Node.ReceivedContact {
        Node.ReceivedContact(id: SealedMessageID(), from: from, fromName: name, message: .answer(ContactAnswer(
            inReplyTo: request, answer: kind, shop: kind == .shares ? shop : "", contact: kind == .shares ? "06" : "",
            damage: kind == .shares ? [damage(yen)] : [])))
    }

    @Test func onlyTheAskedMembersFirstSharingAnswerCounts() {
        let (a, b, c) = (Self.member(), Self.member(), Self.member())
        let (x, y, z) = (SealedMessageID(), SealedMessageID(), SealedMessageID())
        let sent = [Self.request(x, to: a, name: "shop-a", caseNumber: 3), Self.request(y, to: b, name: "shop-b", caseNumber: 3),
                    Self.request(z, to: c, name: "shop-c", caseNumber: 4)]
        let received = [
            Self.answer(from: c, name: "shop-c", to: x, .shares, shop: "大阪雑貨店", yen: 999_999),  // a forged answer to a's request
            Self.answer(from: a, name: "shop-a", to: x, .shares, shop: "大阪雑貨店", yen: 12_800),
            Self.answer(from: a, name: "shop-a", to: x, .shares, shop: "大阪雑貨店", yen: 50_000),   // a second answer
            Self.answer(from: b, name: "shop-b", to: y, .declines, shop: "", yen: 0),
            Self.answer(from: c, name: "shop-c", to: z, .shares, shop: "京都商店", yen: 7_000),      // another case
        ]
        let shops = Node.sharedAnswers(received: received, sent: sent, forCase: 3)
        #expect(shops.map(\.name) == ["大阪雑貨店 (shop-a)"])
        #expect(shops.first?.damage.map(\.amountYen) == [12_800])
        #expect(Node.sharedAnswers(received: received, sent: sent, forCase: 4).map(\.name) == ["京都商店 (shop-c)"])
    }
}
