/// The body of a `suppress` entry: the operator has verified that a person was impersonated, and
/// matches on these tokens (the person's identifiers, blinded under each epoch the operator
/// chose) never hold or score an order anywhere; they are shown as such instead
/// (`Protocol/federation.md`, "Suppressions"). The person's values are not in it: only tokens,
/// as protected as a blinded record's.
public struct Suppression: Sendable, Hashable {
    public var id: SuppressionID
    public var reason: SuppressionReason
    /// Strictly ascending (`SuppressedToken.<`), 1 to `maxTokens`.
    public var tokens: [SuppressedToken]

    /// Tokens in one `suppress` entry at most: a person's four identifiers (phone, e-mail, name and
    /// kana at the address) under 16 epochs.
    public static let maxTokens = 64

    /// Sorts the tokens and drops repeats.
    public init(id: SuppressionID, reason: SuppressionReason, tokens: [SuppressedToken]) {
        self.id = id
        self.reason = reason
        self.tokens = Array(Set(tokens)).sorted()
    }

    /// As decoded: `tokens` kept exactly as given (the decoder checks the order).
    init(id: SuppressionID, reason: SuppressionReason, decodedTokens: [SuppressedToken]) {
        self.id = id
        self.reason = reason
        self.tokens = decodedTokens
    }

    /// The epochs the suppression covers, ascending.
    public var epochs: [UInt32] { Array(Set(tokens.map(\.epoch))).sorted() }
}
