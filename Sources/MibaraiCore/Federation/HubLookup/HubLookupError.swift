/// A hub lookup request or answer that breaks `Protocol/hub-api.md`. The text names the rule,
/// never a token.
public struct HubLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ rule: String) { description = rule }
}
