import Foundation
import Hummingbird
import Logging
import Metrics
import MibaraiCore
import MibaraiNode
import MibaraiStore

/// A hub's routes on its federation listener (`Protocol/hub-api.md`): shops look identities up
/// (`POST /v1/federation/lookup`) and read their own audit (`GET /v1/federation/audit`). Thin: the
/// node's use cases decide; this decodes, maps refusals to statuses, logs and counts.
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

    func install(on router: Router<FederationRequestContext>, logger: Logger) {
        let lookup = self.lookup, audit = self.audit
        router.post("/v1/federation/lookup") { request, context -> Response in
            guard let peer = context.member else { return ScreeningServer.respond(error: .forbidden) }
            guard peer.role == .shop else {
                return ScreeningServer.respond(error: .badRequest(ja: "照会できるのは店舗だけです。", en: "only shops look up at a hub."))
            }
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: Self.maxLookupBytes) } catch {
                return ScreeningServer.respond(error: .lookupTooLarge)
            }
            let asked: HubLookupRequest
            do { asked = try JSONDecoder().decode(HubLookupRequest.self, from: Data(buffer: body)) } catch {
                return ScreeningServer.respond(error: .badRequest(ja: "照会の形式が不正です。", en: "the lookup request does not decode."))
            }
            do {
                let outcome = try await lookup(asked, peer.nodeID)
                Self.lookups.increment()
                Self.identities.increment(by: asked.queries.count)
                for alert in outcome.alerts.sorted(by: { $0.rawValue < $1.rawValue }) {
                    Counter(label: "mibarai_hub_lookup_alerts_total", dimensions: [("kind", alert.rawValue)]).increment()
                    // The member's name and the kind: never what it asked.
                    logger.notice("hub: unusual lookups", metadata: ["member": "\(peer.name)", "alert": "\(alert.rawValue)"])
                }
                return ScreeningServer.respond(status: .ok, bytes: Array(try JSONEncoder().encode(outcome.answer)))
            } catch let e as HubLookupRefusal {
                Self.refused.increment()
                var response = ScreeningServer.respond(error: .tooManyRequests(e.message))
                response.headers[.retryAfter] = "\(e.retryAfter)"
                return response
            } catch let e as HubLookupError {
                return ScreeningServer.respond(error: .badRequest(ja: "照会が規則に反します: \(e)", en: "the lookup request breaks a rule: \(e)"))
            } catch {
                logger.error("hub: lookup failed", metadata: ["error": "\(type(of: error))"])
                return ScreeningServer.respond(error: .internalError)
            }
        }
        router.get("/v1/federation/audit") { request, context -> Response in
            guard let peer = context.member else { return ScreeningServer.respond(error: .forbidden) }
            let days = request.uri.queryParameters.get("days", as: Int.self) ?? 30
            guard (1...3_650).contains(days) else {
                return ScreeningServer.respond(error: .badRequest(ja: "days は 1〜3650 です。", en: "days is 1 to 3650."))
            }
            do {
                let rows = try audit(peer.nodeID, days)
                return ScreeningServer.respond(status: .ok, bytes: Array(try JSONEncoder().encode(AuditAnswer(rows))))
            } catch {
                logger.error("hub: audit read failed", metadata: ["error": "\(type(of: error))"])
                return ScreeningServer.respond(error: .internalError)
            }
        }
    }

    // Counts only (Prometheus text on the API's /metrics).
    static let lookups = Counter(label: "mibarai_hub_lookups_total", dimensions: [("result", "answered")])
    static let refused = Counter(label: "mibarai_hub_lookups_total", dimensions: [("result", "over_quota")])
    static let identities = Counter(label: "mibarai_hub_lookup_identities_total")
}
