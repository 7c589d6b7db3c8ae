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
        var value = value
        return value.withUTF8 { mac(type, $0, nil) }
    }

    /// The token of a two-value type (name or kana + address).
    public func token(_ type: TokenType, _ first: String, _ second: String) -> BlindToken {
        var first = first, second = second
        return first.withUTF8 { a in second.withUTF8 { b in mac(type, a, b) } }
    }

    /// Lays `type ‖ len(a) ‖ a [‖ len(b) ‖ b]` out in one buffer and feeds it to the keyed,
    /// prefixed HMAC in a single update: swift-crypto's `update` is generic and not inlined
    /// across modules, so each call costs more than hashing a short message.
    private func mac(_ type: TokenType, _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>?) -> BlindToken {
        let size = 1 + 4 + a.count + (b.map { 4 + $0.count } ?? 0)
        var h = prefixed
        withUnsafeTemporaryAllocation(byteCount: size, alignment: 1) { buffer in
            buffer[0] = type.rawValue
            var at = 1
            func put(_ part: UnsafeBufferPointer<UInt8>) {
                withUnsafeBytes(of: UInt32(part.count).bigEndian) { len in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[at..<(at + 4)]).copyMemory(from: len)
                }
                at += 4
                UnsafeMutableRawBufferPointer(rebasing: buffer[at..<(at + part.count)]).copyMemory(from: UnsafeRawBufferPointer(part))
                at += part.count
            }
            put(a)
            if let b { put(b) }
            h.update(data: UnsafeRawBufferPointer(buffer))
        }
        let value = h.finalize().withUnsafeBytes { raw in
            TokenValue(
                high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
        return BlindToken(type: type, value: value)
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
