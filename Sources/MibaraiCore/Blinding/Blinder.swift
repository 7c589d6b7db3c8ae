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
        var h = prefixed
        withUnsafeBytes(of: type.rawValue) { h.update(data: $0) }
        for v in values {
            var v = v
            v.withUTF8 { utf8 in
                withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { h.update(data: $0) }
                h.update(data: UnsafeRawBufferPointer(utf8))
            }
        }
        let mac = h.finalize()
        let value = mac.withUnsafeBytes { raw in
            TokenValue(bytes: raw.prefix(16))!
        }
        return BlindToken(type: type, value: value)
    }

    /// Every token the identity yields (see `TokenType`): a field that is nil yields none, and a
    /// post-office hold yields no household token.
    public func tokens(for identity: NormalizedIdentity) -> [BlindToken] {
        var out: [BlindToken] = []
        out.reserveCapacity(5)
        if let p = identity.phone { out.append(token(.phone, [p])) }
        if let e = identity.email { out.append(token(.email, [e])) }
        if let a = identity.address {
            if let n = identity.name { out.append(token(.nameAddress, [n, a.canonical])) }
            if let k = identity.nameKana { out.append(token(.kanaAddress, [k, a.canonical])) }
            if !a.isPostOfficeHold { out.append(token(.address, [a.canonical])) }
        }
        return out
    }
}
