extension KeyedDecodingContainer {
    /// The value under `key`, nil when the key is absent; an explicit `null` is a type error,
    /// since the API's schema marks no field nullable (`decodeIfPresent` would take it as absent).
    func decodeStrictIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath + [key], debugDescription: "null"))
        }
        return try decode(T.self, forKey: key)
    }
}
