import MibaraiCore
import MibaraiNode
import MibaraiServer

extension FederationMembership {
    /// Where this node looks other shops' records up: the configured hubs when it is a shop and
    /// the federation's policy is `replicas = hubs` (`Protocol/hub-api.md`); nil when it holds
    /// them itself.
    func hubClient(_ node: Node) throws(NodeError) -> HubClient? {
        guard me.role == .shop, try node.federationPolicy(operator: operatorKey).replicas == .hubs else { return nil }
        return try configuredHubs(node)
    }

    /// A client of the configured hubs (`[federation] hubs`; none configured: a client that
    /// answers every lookup as incomplete), whatever the policy says now.
    func configuredHubs(_ node: Node) throws(NodeError) -> HubClient {
        let hubs = node.configuration.federation.hubs.compactMap(HubClient.Hub.init)
        do { return try HubClient(hubs: hubs, tls: tls(host: "", port: 0), gate: gate) } catch {
            throw .data(ja: "連合の TLS 設定を作れません (証明書と鍵を確認)。", en: "cannot set up the federation's TLS (check the certificate and key).")
        }
    }

    /// `hubClient` for a node that may not have joined a federation.
    static func hubClient(_ node: Node) throws(NodeError) -> HubClient? {
        try read(node)?.hubClient(node)
    }
}
