import Crypto

/// SHA-256 of an entry's full encoding (signature included): the next entry's `previous`.
public struct EntryHash: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// The `previous` of an origin's first entry (seq 1): 32 zero bytes.
    public static let zero = EntryHash(unchecked: [UInt8](repeating: 0, count: 32))

    public static func of(_ encoded: [UInt8]) -> EntryHash {
        EntryHash(unchecked: Array(SHA256.hash(data: encoded)))
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    public var description: String { Hex.encode(bytes) }
}
