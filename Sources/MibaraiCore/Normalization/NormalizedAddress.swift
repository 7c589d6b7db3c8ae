/// A Japanese address in canonical parts. See Protocol/normalization.md § address.
public struct NormalizedAddress: Sendable, Hashable {
    /// The whole canonical address, the string that is blinded.
    public var canonical: String
    /// True when the address is a 局留め (post-office hold): it names an office, not a home.
    public var isPostOfficeHold: Bool

    public init(canonical: String, isPostOfficeHold: Bool) {
        self.canonical = canonical
        self.isPostOfficeHold = isPostOfficeHold
    }
}
