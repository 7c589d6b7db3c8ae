/// What the shop's own recent orders say about a new one (input of the velocity rules).
public struct VelocityFacts: Sendable, Hashable {
    /// Distinct other names seen at the same delivery address.
    public var otherNamesAtAddress = 0
    /// Distinct other names seen with the same phone.
    public var otherNamesWithPhone = 0
    /// Orders by the same customer (phone, e-mail or address) within the burst window, this one included.
    public var ordersInWindow = 1
    /// Earlier orders with the same phone or e-mail in the whole history.
    public var priorOrders = 0

    public init(otherNamesAtAddress: Int = 0, otherNamesWithPhone: Int = 0, ordersInWindow: Int = 1, priorOrders: Int = 0) {
        self.otherNamesAtAddress = otherNamesAtAddress
        self.otherNamesWithPhone = otherNamesWithPhone
        self.ordersInWindow = ordersInWindow
        self.priorOrders = priorOrders
    }
}
