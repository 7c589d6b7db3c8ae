import Crypto
import Foundation

/// Makes the tokens of a normalised identity under one epoch key.
///
/// A token is the first 16 bytes of
/// `HMAC-SHA256(key, "mibarai/token/v1" ‖ 0x00 ‖ epoch(u32 BE) ‖ type(u8) ‖ for each field: len(u32 BE) ‖ UTF-8)`.
/// The HMAC state after the constant prefix is computed once and copied per token.
public struct Blinder: Sendable {
    public static let domain: [UInt8] = Array("mibarai/token/v1".utf8) + [0]

    public let epoch: UInt32
    private let prefixed: HMAC<SHA256>

    public init(key: EpochKey) {
        epoch = key.epoch
        var h = HMAC<SHA256>(key: key.key)
        h.update(data: Self.domain)
        withUnsafeBytes(of: key.epoch.bigEndian) { h.update(data: $0) }
        prefixed = h
    }

    /// The token of one type over already-normalised field values, in the type's field order.
    public func token(_ type: TokenType, _ values: [String]) -> BlindToken {
        precondition(values.count == type.fields.count, "token \(type) takes \(type.fields.count) values")
        return values.count == 1 ? token(type, values[0]) : token(type, values[0], values[1])
    }

    /// The token of a one-value type (phone, email, address).
    public func token(_ type: TokenType, _ value: String) -> BlindToken {
        var h = start(type)
        Self.append(value, to: &h)
        return finish(type, &h)
    }

    /// The token of a two-value type (name or kana + address).
    public func token(_ type: TokenType, _ first: String, _ second: String) -> BlindToken {
        var h = start(type)
        Self.append(first, to: &h)
        Self.append(second, to: &h)
        return finish(type, &h)
    }

    private func start(_ type: TokenType) -> HMAC<SHA256> {
        var h = prefixed
        withUnsafeBytes(of: type.rawValue) { h.update(data: $0) }
        return h
    }

    private func finish(_ type: TokenType, _ h: inout HMAC<SHA256>) -> BlindToken {
        let value = h.finalize().withUnsafeBytes { raw in
            TokenValue(
                high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
        return BlindToken(type: type, value: value)
    }

    /// `len(u32 BE) ‖ UTF-8`.
    private static func append(_ value: String, to h: inout HMAC<SHA256>) {
        var value = value
        value.withUTF8 { utf8 in
            withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { h.update(data: $0) }
            h.update(data: UnsafeRawBufferPointer(utf8))
        }
    }

    /// Every token the identity yields (see `TokenType`): a field that is nil yields none, and a
    /// post-office hold yields no household token.
    public func tokens(for identity: NormalizedIdentity) -> [BlindToken] {
        var out: [BlindToken] = []
        out.reserveCapacity(5)
        if let p = identity.phone { out.append(token(.phone, p)) }
        if let e = identity.email { out.append(token(.email, e)) }
        if let a = identity.address {
            if let n = identity.name { out.append(token(.nameAddress, n, a.canonical)) }
            if let k = identity.nameKana { out.append(token(.kanaAddress, k, a.canonical)) }
            if !a.isPostOfficeHold { out.append(token(.address, a.canonical)) }
        }
        return out
    }
}
