import FuzzSupport
import MembershipFixtures
import MibaraiMembership

// A peer's leaf certificate (DER) as the federation listener's TLS layer hands it to
// `MemberGate.admit`: X.509 parsing, the member's names in it, the root's signature and the
// validity dates, against the fixture's root (fixed key, so seeded certificates verify).
// Property: no crash, no trap, no hang.

/// The gate over the fixture's root.
let gate: MemberGate = {
    do { return MemberGate(root: try MembershipFixture().authority.root) } catch { fatalError("cannot make the fixture: \(error)") }
}()

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func memberCertificateFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? gate.admit(der: FuzzInput.bytes(data, size), at: MembershipFixture.now)
    return 0
}

/// Runs libFuzzer on ``memberCertificateFuzz``. Writes the fixture's member certificate and root
/// when `scripts/fuzz.sh --seed` asks.
@main
enum Main {
    static func main() {
        _ = gate // made before the first input, whose time limit it would use up
        FuzzDriver.run(memberCertificateFuzz, seeds: {
            let fixture = try MembershipFixture()
            return [try MembershipFixture.der(try fixture.certificate()), try MembershipFixture.der(fixture.authority.root)]
        })
    }
}
