import Crypto

/// Makes the velocity history's keyed tokens from normalised values (Protocol/screening.md
/// § velocity): HMAC-SHA256 over a one-byte kind and the canonical value, cut to 16 bytes.
public struct VelocityKeyer: Sendable {
    enum Kind: UInt8 {
        case order = 1, name = 2, phone = 3, email = 4, address = 5
        /// The order reference sent with a hub lookup (`Protocol/hub-api.md`): another value than
        /// the history's, so the two cannot be joined.
        case lookupReference = 6
    }

    private let hmac: HMAC<SHA256>

    /// - Parameter key: the node's own 32-byte velocity key (never a federation key).
    public init(key: [UInt8]) {
        hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    func key(_ kind: Kind, _ value: String?) -> VelocityKey? {
        guard var text = value, !text.isEmpty else { return nil }
        // One update from one stack buffer: swift-crypto's update is generic and not inlined
        // across modules, so each call costs more than the hashing of a short value.
        var h = hmac
        text.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(byteCount: utf8.count + 1, alignment: 1) { buffer in
                buffer[0] = kind.rawValue
                UnsafeMutableRawBufferPointer(rebasing: buffer[1...]).copyMemory(from: UnsafeRawBufferPointer(utf8))
                h.update(data: UnsafeRawBufferPointer(buffer))
            }
        }
        return h.finalize().withUnsafeBytes { raw in
            VelocityKey(high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                        low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// The 16-byte keyed hash of an order reference that a hub lookup carries instead of the
    /// reference (nil without one).
    public func lookupReference(_ reference: String?) -> [UInt8]? {
        key(.lookupReference, reference).map { k in
            (0..<8).map { UInt8(truncatingIfNeeded: k.high >> (56 - 8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: k.low >> (56 - 8 * $0)) }
        }
    }

    /// The history entry of one order: keyed reference, name (kanji, else kana), phone,
    /// e-mail and delivery address, with the time and whether it is paid later.
    public func entry(reference: String?, recipient: NormalizedIdentity, billing: NormalizedIdentity,
                      at: Int64, payLater: Bool) -> VelocityEntry {
        VelocityEntry(
            order: key(.order, reference.map { TextFolding.isASCII($0) && !$0.contains(" ") ? $0 : TextFolding.removingSpaces(TextFolding.nfkc($0)) }),
            name: key(.name, billing.name ?? billing.nameKana.map { "kana:" + $0 }),
            phone: key(.phone, billing.phone ?? recipient.phone),
            email: key(.email, billing.email),
            address: key(.address, recipient.address?.canonical),
            at: at, payLater: payLater
        )
    }
}
