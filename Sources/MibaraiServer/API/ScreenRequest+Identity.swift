import MibaraiCore

extension ScreenRequest {
    /// A customer or recipient in the body: every field optional, none of them `null`.
    struct IdentityBody: Decodable, Sendable {
        var identity: Identity

        /// The six fields by their JSON names (``IdentityField``'s raw values).
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ field: IdentityField) { stringValue = field.rawValue }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            var identity = Identity()
            for field in IdentityField.allCases {
                identity[field] = try c.decodeStrictIfPresent(String.self, forKey: Key(field))
            }
            self.identity = identity
        }
    }
}
