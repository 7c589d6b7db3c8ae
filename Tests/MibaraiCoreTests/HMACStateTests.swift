import Crypto
import MibaraiCore
import Testing

/// `HMACState` hashes the padded keys once; it must give HMAC-SHA256 exactly.
@Suite("HMAC with both pads hashed once")
struct HMACStateTests {
    @Test(arguments: [0, 1, 16, 32, 63, 64, 65, 100, 200])
    func sameAsSwiftCryptoHMAC(keyLength: Int) {
        var random = SimulationRandom(seed: UInt64(keyLength) &+ 0x484D_4143)
        let key = SymmetricKey(data: (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &random) })
        var differing: [Int] = []
        for length in [0, 1, 5, 31, 55, 56, 63, 64, 65, 119, 120, 128, 300] {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let split = length / 3
            var state = HMACState(key: key)
            message[..<split].withUnsafeBytes { state.update($0) }
            message[split...].withUnsafeBytes { state.update($0) }
            let expected = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            if Array(state.finalize()) != expected { differing.append(length) }
        }
        #expect(differing.isEmpty, "message lengths \(differing)")
    }

    @Test func copiesAreIndependent() {
        let key = SymmetricKey(data: [UInt8](repeating: 7, count: 32))
        var prefix = HMACState(key: key)
        ([1, 2, 3] as [UInt8]).withUnsafeBytes { prefix.update($0) }
        var a = prefix, b = prefix
        ([4] as [UInt8]).withUnsafeBytes { a.update($0) }
        ([5] as [UInt8]).withUnsafeBytes { b.update($0) }
        #expect(Array(a.finalize()) == Array(HMAC<SHA256>.authenticationCode(for: [1, 2, 3, 4] as [UInt8], using: key)))
        #expect(Array(b.finalize()) == Array(HMAC<SHA256>.authenticationCode(for: [1, 2, 3, 5] as [UInt8], using: key)))
        #expect(Array(prefix.finalize()) == Array(HMAC<SHA256>.authenticationCode(for: [1, 2, 3] as [UInt8], using: key)))
    }
}
