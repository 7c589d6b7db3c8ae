import Crypto

/// Makes the velocity history's keyed tokens from normalised values (Protocol/screening.md
/// § velocity): HMAC-SHA256 over a one-byte kind and the canonical value, cut to 16 bytes.
public struct VelocityKeyer: Sendable {
    enum Kind: UInt8 {
        case order = 1, name = 2, phone = 3, email = 4, address = 5
    }

    private let hmac: HMAC<SHA256>

    /// - Parameter key: the node's own 32-byte velocity key (never a federation key).
    public init(key: [UInt8]) {
        hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    func key(_ kind: Kind, _ value: String?) -> VelocityKey? {
        guard let value, !value.isEmpty else { return nil }
        var h = hmac
        h.update(data: [kind.rawValue])
        h.update(data: Array(value.utf8))
        let mac = h.finalize()
        return mac.withUnsafeBytes { VelocityKey(bytes: $0.prefix(16)) }
    }

    /// The history entry of one order: keyed reference, name (kanji, else kana), phone,
    /// e-mail and delivery address, with the time and whether it is paid later.
    public func entry(reference: String?, recipient: NormalizedIdentity, billing: NormalizedIdentity,
                      at: Int64, payLater: Bool) -> VelocityEntry {
        VelocityEntry(
            order: key(.order, reference.map { TextFolding.removingSpaces(TextFolding.nfkc($0)) }),
            name: key(.name, billing.name ?? billing.nameKana.map { "kana:" + $0 }),
            phone: key(.phone, billing.phone ?? recipient.phone),
            email: key(.email, billing.email),
            address: key(.address, recipient.address?.canonical),
            at: at, payLater: payLater
        )
    }
}
