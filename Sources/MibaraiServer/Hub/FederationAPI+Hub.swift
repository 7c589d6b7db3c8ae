import Foundation
import Metrics
import MibaraiCore
import MibaraiHubAPI
import MibaraiNode

extension FederationAPI {
    /// `POST /v1/federation/lookup`: a shop looks identities up by their blind tokens.
    func lookup(_ input: Operations.Lookup.Input) async throws -> Operations.Lookup.Output {
        guard let hub else { return .undocumented(statusCode: 404, FederationRouteScope.errorPayload(.notFound)) }
        guard let peer = Self.caller else { throw FederationRouteScope.NoCaller() }
        guard peer.role == .shop else {
            return .badRequest(.init(body: .json(Self.error(.badRequest(ja: "照会できるのは店舗だけです。", en: "only shops look up at a hub.")))))
        }
        let asked = switch input.body {
        case .json(let body): HubLookupRequest(body)
        }
        do {
            let outcome = try await hub.lookup(asked, peer.nodeID)
            HubEndpoints.lookups.increment()
            HubEndpoints.identities.increment(by: asked.queries.count)
            for alert in outcome.alerts.sorted(by: { $0.rawValue < $1.rawValue }) {
                Counter(label: "mibarai_hub_lookup_alerts_total", dimensions: [("kind", alert.rawValue)]).increment()
                // The member's name and the kind: never what it asked.
                logger.notice("hub: unusual lookups", metadata: ["member": "\(peer.name)", "alert": "\(alert.rawValue)"])
            }
            return .ok(.init(body: .json(Components.Schemas.LookupAnswer(outcome.answer))))
        } catch let e as HubLookupRefusal {
            HubEndpoints.refused.increment()
            return .tooManyRequests(.init(headers: .init(retryAfter: e.retryAfter), body: .json(Self.error(.tooManyRequests(e.message)))))
        } catch let e as HubLookupError {
            return .badRequest(.init(body: .json(Self.error(.badRequest(ja: "照会が規則に反します: \(e)", en: "the lookup request breaks a rule: \(e)")))))
        } catch {
            logger.error("hub: lookup failed", metadata: ["error": "\(type(of: error))"])
            return .internalServerError(.init(body: .json(Self.error(.internalError))))
        }
    }

    /// `GET /v1/federation/audit`: the caller's own lookups at this hub.
    func audit(_ input: Operations.Audit.Input) async throws -> Operations.Audit.Output {
        guard let hub else { return .undocumented(statusCode: 404, FederationRouteScope.errorPayload(.notFound)) }
        guard let peer = Self.caller else { throw FederationRouteScope.NoCaller() }
        let days = input.query.days ?? 30
        guard (1...3_650).contains(days) else {
            return .badRequest(.init(body: .json(Self.error(.badRequest(ja: "days は 1〜3650 です。", en: "days is 1 to 3650.")))))
        }
        do {
            let rows = try hub.audit(peer.nodeID, days)
            return .ok(.init(body: .json(try Components.Schemas.AuditAnswer(AuditAnswer(rows)))))
        } catch {
            logger.error("hub: audit read failed", metadata: ["error": "\(type(of: error))"])
            return .internalServerError(.init(body: .json(Self.error(.internalError))))
        }
    }

    /// The document's error body for one of the API's errors.
    static func error(_ e: APIError) -> Components.Schemas._Error {
        // A code the document does not list (unauthorized: the local API's) never leaves these routes.
        let code = Components.Schemas._Error._ErrorPayload.CodePayload(rawValue: e.code) ?? ._internal
        return .init(error: .init(code: code, ja: e.message.ja, en: e.message.en))
    }
}
