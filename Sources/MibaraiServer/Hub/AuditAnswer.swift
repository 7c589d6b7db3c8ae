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
    /// Nil purposes are not possible: a hub records only the purposes it read.
    init(_ answer: AuditAnswer) {
        self.init(lookups: answer.lookups.map { l in
            .init(at: l.at, identities: l.identities, hits: l.hits, purpose: .init(rawValue: l.purpose) ?? .lookup, refused: l.refused,
                  references: l.references)
        })
    }
}
