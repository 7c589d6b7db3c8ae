import Foundation
import FuzzSupport
import MembershipFixtures
import MibaraiCore
import MibaraiMembership

// The join bundle a new member imports (`mibarai node join`): JSON read as the CLI reads it
// (snake_case keys), its checks (`JoinBundle.verified`: root PEM, member certificate PEM and
// its names, the operator key) for a fixed node, the member certificate read on its own as
// well (so a bad root does not hide it), and every base64 line of its operator log read as a
// log entry with its body.
// Property: no crash, no trap, no hang.

/// The fixed member the bundle is checked for.
let fixture: MembershipFixture = {
    do { return try MembershipFixture() } catch { fatalError("cannot make the fixture: \(error)") }
}()

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func joinBundleFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let json = Data(FuzzInput.bytes(data, size))
    guard let bundle = try? MembershipFixture.decoder().decode(JoinBundle.self, from: json) else { return 0 }
    _ = try? bundle.verified(nodeID: fixture.nodeID, tlsPublicKey: .init(fixture.tlsKey.publicKey), at: MembershipFixture.now)
    _ = try? MemberCertificate(pem: bundle.certificate)
    for line in bundle.operatorLog ?? [] {
        guard let raw = Data(base64Encoded: line), let entry = try? LogEntry(decoding: Array(raw)) else { continue }
        _ = try? entry.decodedBody()
    }
    return 0
}

/// Runs libFuzzer on ``joinBundleFuzz``. Writes the fixture's bundle when `scripts/fuzz.sh --seed`
/// asks (`SeedWriter`).
@main
enum Main {
    static func main() {
        _ = fixture // made before the first input, whose time limit it would use up
        FuzzDriver.run(joinBundleFuzz, seeds: { [try MembershipFixture.json(try fixture.bundle())] })
    }
}
