/// A blinded token: the first 16 bytes of an HMAC-SHA256, with the type it was made as.
///
/// Held as two integers so that making, hashing and comparing one allocates nothing.
public struct BlindToken: Sendable, Hashable, CustomStringConvertible {
    public let type: TokenType
    public let value: TokenValue

    public init(type: TokenType, value: TokenValue) {
        self.type = type
        self.value = value
    }

    public var description: String { "\(type.rawValue):\(value)" }
}
