import Foundation
import MibaraiHubAPI
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

extension AuditAnswer {
    /// As the hub's answer (`hub-api.yaml`) says it.
    init(_ answer: Components.Schemas.AuditAnswer) {
        lookups = answer.lookups.map { l in
            Lookup(at: l.at, identities: l.identities, hits: l.hits, purpose: l.purpose.rawValue, refused: l.refused, references: l.references)
        }
    }
}

extension Components.Schemas.AuditAnswer {
    /// A purpose the audit holds that the document does not list.
    struct UnlistedPurpose: Error {}

    /// Throws ``UnlistedPurpose`` rather than relabel a lookup (a hub records only the purposes
    /// it read, so the audit was written by a later version).
    init(_ answer: AuditAnswer) throws(UnlistedPurpose) {
        var lookups: [Components.Schemas.AuditLookup] = []
        for l in answer.lookups {
            guard let purpose = Components.Schemas.Purpose(rawValue: l.purpose) else { throw UnlistedPurpose() }
            lookups.append(.init(at: l.at, identities: l.identities, hits: l.hits, purpose: purpose, refused: l.refused, references: l.references))
        }
        self.init(lookups: lookups)
    }
}
