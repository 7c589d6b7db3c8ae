/// The personal data a shop holds about a customer, as typed: any field may be missing.
///
/// Raw identities stay on the node that recorded them; only blinded tokens derived from the
/// normalised form ever leave it.
public struct Identity: Sendable, Hashable, Codable {
    public var name: String?
    public var nameKana: String?
    public var postalCode: String?
    public var address: String?
    public var phone: String?
    public var email: String?

    public init(
        name: String? = nil, nameKana: String? = nil, postalCode: String? = nil,
        address: String? = nil, phone: String? = nil, email: String? = nil
    ) {
        self.name = name
        self.nameKana = nameKana
        self.postalCode = postalCode
        self.address = address
        self.phone = phone
        self.email = email
    }

    enum CodingKeys: String, CodingKey {
        case name, nameKana = "name_kana", postalCode = "postal_code", address, phone, email
    }

    /// True when no field holds any text.
    public var isEmpty: Bool {
        IdentityField.allCases.allSatisfy { (self[$0] ?? "").allSatisfy(\.isWhitespace) }
    }

    public subscript(field: IdentityField) -> String? {
        get {
            switch field {
            case .name: name
            case .nameKana: nameKana
            case .postalCode: postalCode
            case .address: address
            case .phone: phone
            case .email: email
            }
        }
        set {
            switch field {
            case .name: name = newValue
            case .nameKana: nameKana = newValue
            case .postalCode: postalCode = newValue
            case .address: address = newValue
            case .phone: phone = newValue
            case .email: email = newValue
            }
        }
    }
}
