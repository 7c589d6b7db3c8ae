/// An identity after normalisation: each field is its canonical string, or nil when the raw
/// value held nothing usable.
public struct NormalizedIdentity: Sendable, Hashable {
    public var name: String?
    public var nameKana: String?
    public var postalCode: String?
    public var address: NormalizedAddress?
    public var phone: String?
    public var email: String?

    public init(
        name: String? = nil, nameKana: String? = nil, postalCode: String? = nil,
        address: NormalizedAddress? = nil, phone: String? = nil, email: String? = nil
    ) {
        self.name = name
        self.nameKana = nameKana
        self.postalCode = postalCode
        self.address = address
        self.phone = phone
        self.email = email
    }

    /// The canonical string of one field, as `mibarai normalize` prints it.
    public subscript(field: IdentityField) -> String? {
        switch field {
        case .name: name
        case .nameKana: nameKana
        case .postalCode: postalCode
        case .address: address?.canonical
        case .phone: phone
        case .email: email
        }
    }

    /// True when blinding this identity yields at least one token: a phone, an e-mail, a home
    /// address, or a post-office hold together with a name or kana (see `Protocol/blinding.md`).
    public var yieldsTokens: Bool {
        if phone != nil || email != nil { return true }
        guard let address else { return false }
        return !address.isPostOfficeHold || name != nil || nameKana != nil
    }
}
