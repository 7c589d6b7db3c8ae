import Foundation
import MibaraiTestSupport
import Testing

/// A shop admitted before its hub holds an operator's log that does not name the hub: a seed
/// given by the hub's name cannot be resolved, the shop reaches no one, and it says so (once)
/// instead of staying silent.
@Suite("Unresolved seed")
struct UnresolvedSeedTests {
    let federation = LocalFederation()

    @Test func aSeedTheLogDoesNotAdmitIsNamedInANotice() throws {
        try federation.create()
        try federation.join("shop-early")
        try federation.join("hub", role: "hub")
        let (hub, port) = try federation.start("hub")
        defer { hub.stop() }
        let (shop, _) = try federation.start("shop-early", peers: ["hub@127.0.0.1:\(port)"])
        defer { shop.stop() }
        #expect(federation.eventually(60) { shop.stderr.contains("is not a member in this node's copy of the operator's log") },
                "\(shop.stderr)")
        #expect(shop.stderr.components(separatedBy: "is not a member in this node's copy").count == 2, "said once")
        #expect(shop.stderr.contains("hub@127.0.0.1:\(port)"))
    }
}
