import Crypto

/// HMAC-SHA256 (RFC 2104) with both padded keys hashed once: per message, a copy of the inner
/// state hashes the message and a copy of the outer state hashes the inner digest.
///
/// swift-crypto's `HMAC` keeps the outer key and hashes its 64-byte block again for every
/// message. A blind or velocity token is a message shorter than one block, so that block was a
/// third of the hashing per token; here it is hashed once per key. The result is HMAC-SHA256
/// exactly: the tests compare it with `HMAC<SHA256>`, and the blinding vectors pin the tokens.
package struct HMACState: Sendable {
    private var inner: SHA256
    private let outer: SHA256

    package init(key: SymmetricKey) {
        var block = key.withUnsafeBytes { Array($0) }
        if block.count > SHA256.blockByteCount { block = Array(SHA256.hash(data: block)) }
        block += [UInt8](repeating: 0, count: SHA256.blockByteCount - block.count)
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bufferPointer: bytes)
    }

    package func finalize() -> SHA256.Digest {
        let innerDigest = inner.finalize()
        var outer = outer
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }
}
