import Foundation
import FuzzSupport
import MembershipFixtures
import MibaraiMembership

// A node's join request as the operator reads it (`mibarai federation issue`): JSON read as
// the CLI reads it (snake_case keys), then every check of `MembershipRequest.verified()` (hex
// keys, the CSR's PEM and DER, both signatures, the names inside the CSR).
// Property: no crash, no trap, no hang.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func membershipRequestFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let json = Data(FuzzInput.bytes(data, size))
    guard let request = try? MembershipFixture.decoder().decode(MembershipRequest.self, from: json) else { return 0 }
    _ = try? request.verified()
    return 0
}

/// Runs libFuzzer on ``membershipRequestFuzz``. Writes the fixture's request when
/// `scripts/fuzz.sh --seed` asks (`SeedWriter`).
@main
enum Main {
    static func main() {
        FuzzDriver.run(membershipRequestFuzz, seeds: { [try MembershipFixture.json(try MembershipFixture().request())] })
    }
}
