import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

struct BlindingVector: Decodable, CustomTestStringConvertible {
    var key: String
    var epoch: UInt32
    var type: String
    var type_code: UInt8
    var values: [String]
    var token: String
    var testDescription: String { "\(type) epoch \(epoch)" }
}

@Suite("Blinding")
struct BlindingTests {
    static func vectors() throws -> [BlindingVector] {
        try JSONLines.read(BlindingVector.self, from: ProjectPaths.protocolFile("vectors/blinding.jsonl"))
    }

    @Test("tokens equal the spec's vectors", arguments: try vectors())
    func vector(v: BlindingVector) throws {
        let keyBytes = try #require(Hex.decode(v.key))
        let key = try #require(EpochKey(epoch: v.epoch, keyBytes: keyBytes))
        let type = try #require(TokenType(rawValue: v.type_code))
        #expect(Blinder(key: key).token(type, v.values).value.description == v.token)
    }

    @Test func vectorFileIsNotEmpty() throws { #expect(try Self.vectors().count >= 8) }

    static let key = EpochKey(epoch: 3, keyBytes: Array(repeating: 7, count: 32))!

    static func identity(name: String? = "見本太郎", kana: String? = "ミホンタロウ", address: String? = "東京都|江東区|古石場|2-29-16|1203",
                         hold: Bool = false, phone: String? = "+819012345678", email: String? = "mihon@example.jp") -> NormalizedIdentity {
        NormalizedIdentity(name: name, nameKana: kana, postalCode: "1350045",
                           address: address.map { NormalizedAddress(canonical: $0, isPostOfficeHold: hold) }, phone: phone, email: email)
    }

    @Test func fullIdentityYieldsEveryType() {
        let tokens = Blinder(key: Self.key).tokens(for: Self.identity())
        #expect(Set(tokens.map(\.type)) == Set(TokenType.allCases))
        #expect(Set(tokens.map(\.value)).count == tokens.count)
    }

    @Test func nameAloneYieldsNothing() {
        let tokens = Blinder(key: Self.key).tokens(for: Self.identity(address: nil, phone: nil, email: nil))
        #expect(tokens.isEmpty)
    }

    @Test func postOfficeHoldIsNoHousehold() {
        let types = Set(Blinder(key: Self.key).tokens(for: Self.identity(address: "KYOKUDOME|岐阜県|大垣市|大垣", hold: true)).map(\.type))
        #expect(!types.contains(.address))
        #expect(types.contains(.nameAddress))
    }

    @Test func epochsAndKeysSeparate() {
        let other = EpochKey(epoch: 4, keyBytes: Array(repeating: 7, count: 32))!
        let a = Blinder(key: Self.key).token(.phone, ["+819012345678"])
        let b = Blinder(key: other).token(.phone, ["+819012345678"])
        let c = Blinder(key: Self.key).token(.email, ["+819012345678"])
        #expect(a != b)
        #expect(a.value != c.value)
    }

    @Test func keyringAcceptsOlderEpochsPrimaryFirst() {
        let old = EpochKey(epoch: 2, keyBytes: Array(repeating: 1, count: 32))!
        let ring = Keyring(primary: Self.key, older: [old, Self.key])
        #expect(ring.accepted.map(\.epoch) == [3, 2])
        #expect(ring.key(epoch: 2) != nil)
        #expect(EpochKey(epoch: 1, keyBytes: [1, 2, 3]) == nil)
    }
}
