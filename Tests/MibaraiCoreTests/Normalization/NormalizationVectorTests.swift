import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// One line of `Protocol/vectors/normalization/<field>.jsonl`.
struct NormalizationVector: Decodable, CustomTestStringConvertible {
    var input: String
    /// For address vectors: the raw postal code typed beside the address, if any.
    var postal_code: String?
    var expected: String?
    var rule: String?
    var testDescription: String { "\(rule ?? "-"): \(input)" }
}

@Suite("Protocol normalisation vectors")
struct NormalizationVectorTests {
    static let normalizer = try! Normalizer.bundled()

    /// UTF-8 bytes: tokens hash bytes, and String's == takes canonically equivalent strings as equal.
    func bytes(_ s: String?) -> [UInt8]? { s.map { Array($0.utf8) } }

    static func vectors(_ field: IdentityField) throws -> [NormalizationVector] {
        let url = ProjectPaths.protocolFile("vectors/normalization/\(field.rawValue).jsonl")
        return try JSONLines.read(NormalizationVector.self, from: url)
    }

    @Test("every field has vectors", arguments: IdentityField.allCases)
    func fieldHasVectors(field: IdentityField) throws {
        #expect(try Self.vectors(field).count >= 10)
    }

    @Test("name", arguments: try vectors(.name))
    func name(v: NormalizationVector) { #expect(bytes(NameNormalizer.normalize(v.input)) == bytes(v.expected)) }

    @Test("name_kana", arguments: try vectors(.nameKana))
    func kana(v: NormalizationVector) { #expect(bytes(KanaNormalizer.normalize(v.input)) == bytes(v.expected)) }

    @Test("postal_code", arguments: try vectors(.postalCode))
    func postal(v: NormalizationVector) { #expect(bytes(PostalCodeNormalizer.normalize(v.input)) == bytes(v.expected)) }

    @Test("phone", arguments: try vectors(.phone))
    func phone(v: NormalizationVector) { #expect(bytes(PhoneNormalizer.normalize(v.input)) == bytes(v.expected)) }

    @Test("email", arguments: try vectors(.email))
    func email(v: NormalizationVector) { #expect(bytes(EmailNormalizer.normalize(v.input)) == bytes(v.expected)) }

    @Test("address", arguments: try vectors(.address))
    func address(v: NormalizationVector) {
        let postal = v.postal_code.flatMap(PostalCodeNormalizer.normalize)
        #expect(bytes(Self.normalizer.address.normalize(v.input, postalCode: postal)?.canonical) == bytes(v.expected))
    }
}
