import MibaraiCore

/// Asks the federation's hubs for other shops' records (`Protocol/hub-api.md`): what a shop's
/// node uses when the policy is `replicas = hubs`. The transport (mutual TLS to each hub in turn)
/// is the server module's `HubClient`; tests may give their own.
public protocol HubLookupClient: Sendable {
    /// The answer of the first hub that answers; throws ``HubsUnavailable`` when none does.
    func lookup(_ request: HubLookupRequest) async throws(HubsUnavailable) -> HubLookupAnswer
}
