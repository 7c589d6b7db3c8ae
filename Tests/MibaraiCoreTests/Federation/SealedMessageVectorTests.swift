import Crypto
import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `Protocol/vectors/federation/sealed_messages.jsonl` (written by
/// `scripts/gen_sealed_message_vectors.py` from the spec alone): each `sealed_message` entry
/// verifies, its body decodes and re-encodes byte for byte, the recipient's key opens it to the
/// spec's plaintext and message, no other key or sender opens it, and a plaintext the spec does
/// not allow opens to nothing.
@Suite("Sealed message vectors")
struct SealedMessageVectorTests {
    struct Step: Decodable { var stage: String; var day: String }
    struct Damage: Decodable { var report_id: String; var category: String; var amount_yen: Int; var paid_yen: Int; var incident: String; var steps: [Step] }
    struct Message: Decodable {
        var kind: String
        var report_id: String?, in_reply_to: String?, answer: String?
        var shop: String, contact: String, text: String
        var damage: [Damage]?
    }
    struct Fields: Decodable {
        var id: String, to: String, enc: String, ciphertext: String
        var recipient_key_for_check: String, plaintext_for_check: String
        var message_for_check: Message?
    }
    struct Vector: Decodable, CustomTestStringConvertible {
        var kind: String, kind_code: UInt8, origin: String, seq: UInt64, previous: String
        var fields: Fields, body: String, signature: String, entry: String, hash: String
        var testDescription: String { "sealed_message \(fields.id.prefix(4)) seq \(seq)" }
    }

    static func vectors() throws -> [Vector] {
        try JSONLines.read(Vector.self, from: ProjectPaths.protocolFile("vectors/federation/sealed_messages.jsonl"))
    }

    static func hex(_ s: String) -> [UInt8] { Hex.decode(s)! }
    static func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

    /// The message the vector's fields describe, with this implementation's codes.
    static func message(_ m: Message) throws -> ContactMessage {
        switch m.kind {
        case "contact_request":
            return .request(ContactRequest(publication: ReportID(hex: m.report_id!)!, shop: m.shop, contact: m.contact, text: m.text))
        case "contact_answer":
            let stages: [String: DunningStage] = ["inquiry": .inquiry, "reminder": .reminder, "firm_notice": .firmNotice,
                                                  "formal_demand": .formalDemand, "legal_action": .legalAction, "police_report": .policeReport]
            return .answer(ContactAnswer(
                inReplyTo: SealedMessageID(hex: m.in_reply_to!)!, answer: try #require(ContactAnswerKind(name: m.answer!)),
                shop: m.shop, contact: m.contact, text: m.text,
                damage: try (m.damage ?? []).map { d in
                    SharedDamage(publication: ReportID(hex: d.report_id)!, category: try #require(ReportCategory(name: d.category)),
                                 amountYen: d.amount_yen, paidYen: d.paid_yen, incident: day(d.incident),
                                 steps: try d.steps.map { .init(stage: try #require(stages[$0.stage]), day: day($0.day)) })
                }))
        default:
            throw WireError.malformed("unknown message kind in vector")
        }
    }

    @Test("entries verify, open to the spec's message, and to nothing else", arguments: try vectors())
    func entry(v: Vector) throws {
        let e = try LogEntry(decoding: Self.hex(v.entry))
        #expect(e.kind == .sealedMessage && e.kind.rawValue == v.kind_code && e.hasValidSignature())
        #expect(e.hash.description == v.hash && Hex.encode(e.body) == v.body)
        guard case .sealedMessage(let m) = try e.decodedBody() else { Issue.record("not a sealed message"); return }
        let f = v.fields
        #expect(m.id.description == f.id && m.to.description == f.to)
        #expect(Hex.encode(m.encapsulatedKey) == f.enc && Hex.encode(m.ciphertext) == f.ciphertext)
        #expect(Hex.encode(LogBody.sealedMessage(m).encoded()) == v.body)

        let key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Self.hex(f.recipient_key_for_check))
        let opened = m.open(from: e.origin, as: m.to, sealingKey: key)
        if let want = f.message_for_check {
            let expected = try Self.message(want)
            #expect(opened == expected)
            #expect(try expected.paddedPlaintext() == Self.hex(f.plaintext_for_check))
        } else {
            #expect(opened == nil, "a plaintext the spec does not allow means nothing")
            #expect(throws: WireError.self) { try ContactMessage(paddedPlaintext: Self.hex(f.plaintext_for_check)) }
        }
        // Another member's key, another sender, another addressee: nothing opens.
        let other = Curve25519.KeyAgreement.PrivateKey()
        #expect(m.open(from: e.origin, as: m.to, sealingKey: other) == nil)
        #expect(m.open(from: m.to, as: m.to, sealingKey: key) == nil)
        #expect(m.open(from: e.origin, as: e.origin, sealingKey: key) == nil)
        // The seal binds the addressee and the id: readdressed or renamed, the right key opens nothing.
        guard f.message_for_check != nil else { return }
        var moved = m
        moved.to = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        #expect(moved.open(from: e.origin, as: moved.to, sealingKey: key) == nil)
        var renamed = m
        renamed.id = SealedMessageID()
        #expect(renamed.open(from: e.origin, as: m.to, sealingKey: key) == nil)
        #expect(m.open(from: e.origin, as: m.to, sealingKey: key) != nil, "the unchanged message still opens")
    }

    @Test func aSealedMessageRoundTripsAndIsPaddedToBlocks() throws {
        let me = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        let them = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        let theirKey = Curve25519.KeyAgreement.PrivateKey()
        let short = ContactMessage.answer(ContactAnswer(inReplyTo: SealedMessageID(), answer: .declines))
        let long = ContactMessage.request(ContactRequest(publication: ReportID(), shop: "試験商店", contact: "03-0000-0000",
                                                         text: String(repeating: "あ", count: 333)))
        for message in [short, long] {
            let sealed = try SealedMessage.seal(message, from: me, to: them, sealingKey: Array(theirKey.publicKey.rawRepresentation))
            #expect(SealedMessage.isValidCiphertextLength(sealed.ciphertext.count))
            #expect(sealed.open(from: me, as: them, sealingKey: theirKey) == message)
            let entry = LogBody.sealedMessage(sealed)
            #expect(try LogBody.decode(kind: .sealedMessage, entry.encoded()) == entry)
        }
        // Both answers without damage and a short request are one block: the kind does not show.
        #expect(try short.paddedPlaintext().count == 256)
        #expect(try long.paddedPlaintext().count == 1_280)
        // Out of range: refused before sealing.
        let noShop = ContactMessage.request(ContactRequest(publication: ReportID(), shop: "", contact: "x", text: ""))
        #expect(throws: WireError.self) { try noShop.paddedPlaintext() }
        // Control characters: a line feed in the text only.
        let lines = ContactMessage.request(ContactRequest(publication: ReportID(), shop: "店", contact: "03", text: "一行目\n二行目"))
        #expect(throws: Never.self) { try lines.paddedPlaintext() }
        for (shop, text) in [("店\n", ""), ("店", "\u{1B}[2J"), ("店", "\u{202E}逆"), ("店\u{85}", "")] {
            let bad = ContactMessage.request(ContactRequest(publication: ReportID(), shop: shop, contact: "03", text: text))
            #expect(throws: WireError.self) { try bad.paddedPlaintext() }
        }
    }
}
