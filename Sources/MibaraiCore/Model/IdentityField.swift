/// The six identity fields, by their wire and JSON names.
public enum IdentityField: String, Sendable, Hashable, CaseIterable, Codable {
    case name
    case nameKana = "name_kana"
    case postalCode = "postal_code"
    case address
    case phone
    case email
}
