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
        #expect(type.name == v.type)
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

/// One line of `Protocol/vectors/identity_tokens.jsonl`: which tokens a normalised identity yields.
struct IdentityTokensVector: Decodable, CustomTestStringConvertible {
    struct Ident: Decodable {
        var name: String?
        var name_kana: String?
        var address: String?
        var post_office_hold: Bool?
        var phone: String?
        var email: String?
    }

    struct Token: Decodable, Equatable {
        var type: String
        var token: String
    }

    var key: String
    var epoch: UInt32
    var identity: Ident
    var tokens: [Token]
    var testDescription: String { tokens.map(\.type).joined(separator: "+").isEmpty ? "(no tokens)" : tokens.map(\.type).joined(separator: "+") }
}

@Suite("Identity token vectors")
struct IdentityTokensVectorTests {
    static func vectors() throws -> [IdentityTokensVector] {
        try JSONLines.read(IdentityTokensVector.self, from: ProjectPaths.protocolFile("vectors/identity_tokens.jsonl"))
    }

    @Test("an identity yields exactly the spec's tokens", arguments: try vectors())
    func yields(v: IdentityTokensVector) throws {
        let keyBytes = try #require(Hex.decode(v.key))
        let key = try #require(EpochKey(epoch: v.epoch, keyBytes: keyBytes))
        let i = v.identity
        let identity = NormalizedIdentity(
            name: i.name, nameKana: i.name_kana,
            address: i.address.map { NormalizedAddress(canonical: $0, isPostOfficeHold: i.post_office_hold ?? false) },
            phone: i.phone, email: i.email
        )
        let made = Blinder(key: key).tokens(for: identity).map {
            IdentityTokensVector.Token(type: $0.type.name, token: $0.value.description)
        }
        #expect(made == v.tokens)
        #expect(identity.yieldsTokens == !v.tokens.isEmpty)
    }

    @Test func vectorsCoverTheRules() throws {
        let v = try Self.vectors()
        #expect(v.contains { $0.tokens.isEmpty })  // a name alone
        #expect(v.contains { $0.identity.post_office_hold == true && !$0.tokens.contains { $0.type == "address" } })
    }
}

@Suite("Lookups across epochs")
struct EpochLookupTests {
    @Test func aRecordOfTheOlderEpochStillMatchesUnderANewPrimary() {
        let old = EpochKey(epoch: 1, keyBytes: Array(repeating: 1, count: 32))!
        let new = EpochKey(epoch: 2, keyBytes: Array(repeating: 2, count: 32))!
        let person = BlindingTests.identity()
        let stored = Blinder(key: old).tokens(for: person)
        let ring = Keyring(primary: new, older: [old])
        let query = ring.blinders.flatMap { $0.tokens(for: person) }
        let held = Set(stored.map(\.value)).intersection(query.map(\.value))
        #expect(held.count == stored.count)
        let onlyNew = Set(Blinder(key: new).tokens(for: person).map(\.value))
        #expect(onlyNew.isDisjoint(with: stored.map(\.value)))
    }
}
