import Crypto

/// A federation member, named by its Ed25519 public key (32 bytes): the key that signs its log.
/// The operator's own log is named the same way, by the federation's operator key.
public struct NodeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    public init(publicKey: Curve25519.Signing.PublicKey) {
        bytes = Array(publicKey.rawRepresentation)
    }

    public init?(hex: String) {
        guard let b = Hex.decode(hex) else { return nil }
        self.init(bytes: b)
    }

    /// The key that verifies this node's signatures; nil if the 32 bytes are not a valid point.
    public var publicKey: Curve25519.Signing.PublicKey? {
        try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }

    /// Which of the 64 version-vector buckets this origin falls in: its first byte's high 6 bits.
    public var bucket: Int { Int(bytes[0] >> 2) }

    public var description: String { Hex.encode(bytes) }

    /// The bytes in one piece (the synthesized hash fed them to the hasher one at a time, and
    /// dictionaries keyed by it were a visible cost of a node catching up).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// Short form for logs: the first 8 hex digits.
    public var short: String { String(description.prefix(8)) }

    public static func < (a: NodeID, b: NodeID) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
