import Foundation
import MibaraiStore

/// `GET /v1/federation/audit`: the asking member's own lookups at this hub, newest first
/// (`Protocol/hub-api.md`, "Audit").
public struct AuditAnswer: Codable, Sendable {
    public struct Lookup: Codable, Sendable {
        /// Seconds since 1970.
        public var at: Int64
        public var identities: Int
        public var hits: Int
        public var purpose: String
        public var refused: Bool
        /// The order references sent (32 hex digits each).
        public var references: [String]
    }

    public var lookups: [Lookup]

    init(_ rows: [LookupAuditRow]) {
        lookups = rows.map { r in
            Lookup(at: r.at, identities: r.identities, hits: r.hits, purpose: r.purpose, refused: r.refused,
                   references: r.references.map { $0.map { String(format: "%02x", $0) }.joined() })
        }
    }
}
