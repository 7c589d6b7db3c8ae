/// Which combination of normalised fields a token blinds. Wire values are explicit and
/// append-only. The set and the reasoning behind it are in `Protocol/blinding.md`.
public enum TokenType: UInt8, Sendable, Hashable, CaseIterable, Codable {
    /// The E.164 phone number.
    case phone = 1
    /// The canonical e-mail address.
    case email = 2
    /// Kanji name + canonical address: this person at this place (a family member differs).
    case nameAddress = 3
    /// Kana reading + canonical address: the same, when the kanji were typed differently.
    case kanaAddress = 4
    /// Canonical address alone: a household. Never emitted for a 局留め (post-office hold).
    case address = 5

    /// The fields blinded together, in message order.
    public var fields: [IdentityField] {
        switch self {
        case .phone: [.phone]
        case .email: [.email]
        case .nameAddress: [.name, .address]
        case .kanaAddress: [.nameKana, .address]
        case .address: [.address]
        }
    }

    /// The type's name in `Protocol/blinding.md`, vectors and JSON output.
    public var name: String {
        switch self {
        case .phone: "phone"
        case .email: "email"
        case .nameAddress: "name_address"
        case .kanaAddress: "kana_address"
        case .address: "address"
        }
    }

    /// Bit of this type in a record's type mask.
    public var bit: UInt8 { 1 << (rawValue - 1) }

    public static func set(fromMask mask: UInt8) -> Set<TokenType> {
        Set(allCases.filter { mask & $0.bit != 0 })
    }

    public static func mask<S: Sequence>(_ types: S) -> UInt8 where S.Element == TokenType {
        types.reduce(0) { $0 | $1.bit }
    }
}
