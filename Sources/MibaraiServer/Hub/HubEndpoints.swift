import Foundation
import Hummingbird
import Logging
import Metrics
import MibaraiCore
import MibaraiNode
import MibaraiStore

/// What a hub answers on its federation listener (`Protocol/hub-api.md`): shops look identities up
/// (`POST /v1/federation/lookup`) and read their own audit (`GET /v1/federation/audit`). The
/// node's use cases, given to ``FederationAPI``, which serves them as `hub-api.yaml` declares.
public struct HubEndpoints: Sendable {
    public typealias Lookup = @Sendable (HubLookupRequest, NodeID) async throws -> HubLookupOutcome
    public typealias Audit = @Sendable (NodeID, Int) throws -> [LookupAuditRow]

    let lookup: Lookup
    let audit: Audit

    public init(lookup: @escaping Lookup, audit: @escaping Audit) {
        self.lookup = lookup
        self.audit = audit
    }

    /// The largest lookup request body a hub reads (1,000 queries of 64 tokens fit in it).
    public static let maxLookupBytes = 8 << 20

    // Counts only (Prometheus text on the API's /metrics).
    static let lookups = Counter(label: "mibarai_hub_lookups_total", dimensions: [("result", "answered")])
    static let refused = Counter(label: "mibarai_hub_lookups_total", dimensions: [("result", "over_quota")])
    static let identities = Counter(label: "mibarai_hub_lookup_identities_total")
}
