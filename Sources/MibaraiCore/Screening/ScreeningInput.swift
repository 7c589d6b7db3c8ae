/// Everything the rule engine reads about one order, gathered by the caller: the order, its
/// normalised identities, the federation lookup and the velocity facts.
public struct ScreeningInput: Sendable {
    public var order: Order
    public var billing: NormalizedIdentity
    /// The normalised recipient (``Order/recipient``).
    public var recipient: NormalizedIdentity
    /// The normalised shipping block alone, when the order has one.
    public var shipping: NormalizedIdentity?
    public var lookup: LookupResult
    public var velocity: VelocityFacts

    public init(order: Order, billing: NormalizedIdentity, recipient: NormalizedIdentity, shipping: NormalizedIdentity?,
                lookup: LookupResult, velocity: VelocityFacts) {
        self.order = order
        self.billing = billing
        self.recipient = recipient
        self.shipping = shipping
        self.lookup = lookup
        self.velocity = velocity
    }
}
