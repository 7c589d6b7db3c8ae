import Crypto
import Foundation

/// The body of a `sealed_message` entry (member kind 5, protocol version 4): a message from the
/// entry's origin to one other member, sealed with HPKE to the recipient's sealing key
/// (`Protocol/federation.md`, "Sealed messages"). Every node stores and relays it; only the
/// recipient opens it. The plaintext (``ContactMessage``) is padded to a multiple of 256 bytes.
public struct SealedMessage: Sendable, Hashable {
    public var id: SealedMessageID
    /// The recipient's node id.
    public var to: NodeID
    /// HPKE `enc`: the sender's ephemeral X25519 public key (32 bytes).
    public var encapsulatedKey: [UInt8]
    /// The padded plaintext sealed, and its 16-byte tag.
    public var ciphertext: [UInt8]

    public init(id: SealedMessageID, to: NodeID, encapsulatedKey: [UInt8], ciphertext: [UInt8]) {
        self.id = id
        self.to = to
        self.encapsulatedKey = encapsulatedKey
        self.ciphertext = ciphertext
    }

    /// The plaintext is padded to a multiple of this many bytes.
    public static let paddingBlock = 256
    /// A plaintext's size at most, padding included.
    public static let maxPlaintextBytes = 4_096
    /// HPKE's tag.
    public static let tagBytes = 16

    /// True for a ciphertext length the encoding allows: a padded plaintext and the tag.
    public static func isValidCiphertextLength(_ n: Int) -> Bool {
        let plain = n - tagBytes
        return plain >= paddingBlock && plain <= maxPlaintextBytes && plain % paddingBlock == 0
    }

    public static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    public static let info = Data("mibarai/sealed-message/v1".utf8)

    /// What the seal authenticates besides the plaintext: sender, message id, recipient.
    public static func associatedData(from sender: NodeID, id: SealedMessageID, to recipient: NodeID) -> [UInt8] {
        var w = WireWriter(capacity: 80)
        w.raw(sender.bytes)
        w.raw(id.bytes)
        w.raw(recipient.bytes)
        return w.bytes
    }

    /// Seals `message` from `sender` to `recipient`'s X25519 key (its `admit`'s sealing key), with a
    /// fresh ephemeral key. Throws if the key is not a curve point or the message is too large.
    public static func seal(
        _ message: ContactMessage, id: SealedMessageID = SealedMessageID(), from sender: NodeID,
        to recipient: NodeID, sealingKey: [UInt8]
    ) throws -> SealedMessage {
        let plain = try message.paddedPlaintext()
        let pk = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: sealingKey)
        var s = try HPKE.Sender(recipientKey: pk, ciphersuite: ciphersuite, info: info)
        let ct = try s.seal(plain, authenticating: associatedData(from: sender, id: id, to: recipient))
        return SealedMessage(id: id, to: recipient, encapsulatedKey: Array(s.encapsulatedKey), ciphertext: Array(ct))
    }

    /// Opens the message as its recipient: nil if it is addressed to another member, does not
    /// open under this key (altered, copied into another log, sealed to another key), or its
    /// plaintext does not decode (such a message is in the log and means nothing).
    public func open(from sender: NodeID, as me: NodeID, sealingKey: Curve25519.KeyAgreement.PrivateKey) -> ContactMessage? {
        guard to == me else { return nil }
        guard var r = try? HPKE.Recipient(privateKey: sealingKey, ciphersuite: Self.ciphersuite, info: Self.info,
                                          encapsulatedKey: Data(encapsulatedKey)),
              let plain = try? r.open(ciphertext, authenticating: Self.associatedData(from: sender, id: id, to: to))
        else { return nil }
        return try? ContactMessage(paddedPlaintext: Array(plain))
    }
}
