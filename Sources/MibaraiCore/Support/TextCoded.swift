/// A value that JSON carries as its text (`description`) and reads back with `init?(parsing:)`:
/// a date, a time, a report id. A text that does not read is a decoding error naming the kind
/// of value, never quoting it (a decoding error can reach a message).
public protocol TextCoded: Codable, CustomStringConvertible {
    init?(parsing text: String)
    /// What the value is, for the decoding error ("a date").
    static var codedKind: String { get }
}

extension TextCoded {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not \(Self.codedKind)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
