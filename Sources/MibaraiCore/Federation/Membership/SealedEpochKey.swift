import Crypto
import Foundation

/// The body of an `epoch_key` entry: one epoch's 32-byte blinding key, sealed separately to each
/// listed member with HPKE (RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
/// ChaCha20-Poly1305). Only a listed member can open its box; the rest of the federation relays
/// the entry without learning the key. A federation larger than one entry's recipients uses
/// several entries for one epoch.
public struct SealedEpochKey: Sendable, Hashable {
    /// One member's box.
    public struct Box: Sendable, Hashable {
        public var member: NodeID
        /// HPKE `enc`: the sender's ephemeral X25519 public key (32 bytes).
        public var encapsulatedKey: [UInt8]
        /// The sealed key and its tag (48 bytes).
        public var ciphertext: [UInt8]

        public init(member: NodeID, encapsulatedKey: [UInt8], ciphertext: [UInt8]) {
            self.member = member
            self.encapsulatedKey = encapsulatedKey
            self.ciphertext = ciphertext
        }
    }

    public var epoch: UInt32
    /// Sorted by member, one box per member.
    public var boxes: [Box]

    public init(epoch: UInt32, boxes: [Box]) {
        self.epoch = epoch
        self.boxes = boxes.sorted { $0.member < $1.member }
    }

    public static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    public static let info = Data("mibarai/epoch-key/v1".utf8)

    /// What each box authenticates besides the key: operator id, epoch (u32 BE), member id.
    public static func associatedData(operator op: NodeID, epoch: UInt32, member: NodeID) -> [UInt8] {
        var w = WireWriter(capacity: 68)
        w.raw(op.bytes)
        w.u32(epoch)
        w.raw(member.bytes)
        return w.bytes
    }

    /// Seals `key` to each member's X25519 key, with a fresh ephemeral key per box.
    public static func seal(
        _ key: EpochKey, operator op: NodeID, to members: [(member: NodeID, sealingKey: [UInt8])]
    ) throws -> SealedEpochKey {
        var boxes: [Box] = []
        for m in members {
            let pk = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: m.sealingKey)
            var sender = try HPKE.Sender(recipientKey: pk, ciphersuite: ciphersuite, info: info)
            let ct = try sender.seal(key.keyBytes, authenticating: associatedData(operator: op, epoch: key.epoch, member: m.member))
            boxes.append(Box(member: m.member, encapsulatedKey: Array(sender.encapsulatedKey), ciphertext: Array(ct)))
        }
        return SealedEpochKey(epoch: key.epoch, boxes: boxes)
    }

    /// Opens this member's box. Nil if there is none for it, or it does not open under this key
    /// (altered, or sealed to another key).
    public func open(
        for member: NodeID, sealingKey: Curve25519.KeyAgreement.PrivateKey, operator op: NodeID
    ) -> EpochKey? {
        guard let box = boxes.first(where: { $0.member == member }) else { return nil }
        guard var recipient = try? HPKE.Recipient(
            privateKey: sealingKey, ciphersuite: Self.ciphersuite, info: Self.info,
            encapsulatedKey: Data(box.encapsulatedKey)
        ) else { return nil }
        guard let plain = try? recipient.open(
            box.ciphertext, authenticating: Self.associatedData(operator: op, epoch: epoch, member: member)
        ) else { return nil }
        return EpochKey(epoch: epoch, keyBytes: Array(plain))
    }
}
