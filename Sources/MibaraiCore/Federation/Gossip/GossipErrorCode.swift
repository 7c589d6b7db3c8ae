/// The code of an `error` message. Explicit and append-only.
public enum GossipErrorCode: UInt8, Sendable, Hashable, CaseIterable {
    /// No protocol version in common; the sender closes the connection.
    case unsupportedVersion = 1
    /// A frame that does not decode; the sender closes the connection.
    case malformed = 2
    /// A frame over the receiver's size cap; the sender closes the connection.
    case tooLarge = 3
    /// Over the per-peer rate limit: the message was dropped. Repeated, the connection is closed.
    case rateLimited = 4
    /// A message not allowed in the connection's state (e.g. before `hello`).
    case unexpectedMessage = 5
    /// Entries were refused; the detail byte is the first refusal's code (`EntryRefusal.code`).
    case refusedEntries = 6
    /// Too many faults from this peer: the sender closes the connection.
    case closing = 7

    public var name: String {
        switch self {
        case .unsupportedVersion: "unsupported_version"
        case .malformed: "malformed"
        case .tooLarge: "too_large"
        case .rateLimited: "rate_limited"
        case .unexpectedMessage: "unexpected_message"
        case .refusedEntries: "refused_entries"
        case .closing: "closing"
        }
    }
}
