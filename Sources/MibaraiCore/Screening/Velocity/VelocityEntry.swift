/// One screened order in the velocity history: keyed tokens only, no personal data.
public struct VelocityEntry: Sendable, Hashable {
    public var order: VelocityKey?
    public var name: VelocityKey?
    public var phone: VelocityKey?
    public var email: VelocityKey?
    public var address: VelocityKey?
    /// Seconds since 1970 (UTC).
    public var at: Int64
    public var payLater: Bool

    public init(order: VelocityKey?, name: VelocityKey?, phone: VelocityKey?, email: VelocityKey?,
                address: VelocityKey?, at: Int64, payLater: Bool) {
        self.order = order
        self.name = name
        self.phone = phone
        self.email = email
        self.address = address
        self.at = at
        self.payLater = payLater
    }
}
