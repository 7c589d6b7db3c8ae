@testable import MibaraiNode
import MibaraiCore
import Foundation
import MibaraiMembership
import MibaraiTestSupport
import Testing

/// `[federation]` of mibarai.toml as `mibarai serve` reads it.
@Suite("Federation settings")
struct FederationSettingsTests {
    static func parse(_ federation: String) throws(NodeError) -> NodeConfiguration.FederationSettings {
        try NodeConfiguration.parse("node_id = \"shop-a\"\n[federation]\n" + federation).federation
    }

    @Test func maxConnectionsFollowsTheRoleUnlessSet() throws {
        let byRole = try Self.parse("max_connections = 0")
        #expect(byRole.maxConnections(as: .shop) == GossipConfiguration.shopMaxConnections)
        #expect(byRole.maxConnections(as: .hub) == GossipConfiguration.hubMaxConnections)
        let unset = try Self.parse("peers = []")
        #expect(unset.maxConnections(as: .hub) == GossipConfiguration.hubMaxConnections)
        let set = try Self.parse("max_connections = 2000")
        #expect(set.maxConnections(as: .hub) == 2_000)
        #expect(set.maxConnections(as: .shop) == 2_000)
        #expect(try Self.parse("max_connections = 65536").maxConnections(as: .shop) == 65_536)
    }

    @Test func anImpossibleMaxConnectionsIsRefusedInBothLanguages() {
        for bad in ["-1", "70000"] {
            #expect {
                _ = try Self.parse("max_connections = \(bad)")
            } throws: { error in
                let message = (error as? NodeError)?.message
                return (error as? NodeError)?.category == .data
                    && message?.ja.contains("max_connections は 0〜65536") == true && message?.en.contains("0 to 65536") == true
            }
        }
    }
}
