import Foundation
import HTTPTypes
import Logging
import Metrics
import MibaraiCore
import MibaraiNode
import MibaraiScreeningAPI
import OpenAPIRuntime

/// The screening API's routes as `Protocol/screening-api.yaml` declares them: the handler of the
/// protocol generated from that document (`MibaraiScreeningAPI`), so the document and the server
/// cannot drift. Thin: the order is read by the rules every face shares (``ScreenRequest`` →
/// `OrderForm`) and screened by the node's screener; this maps the document's types to the
/// node's and back. `ScreeningRouteScope` answers what the generated code cannot read.
struct ScreeningAPI: APIProtocol {
    /// Concurrent requests' orders are screened together (one lookup transaction, one history
    /// write per batch); a lone request is screened at once.
    let batcher: ScreeningBatcher
    /// The Prometheus text of `/metrics`; nil when the node exports none (then 404).
    let metricsText: (@Sendable () -> [UInt8])?
    let logger: Logger

    static let screened = Dictionary(uniqueKeysWithValues: ScreeningDecision.allCases.map {
        ($0, Counter(label: "mibarai_screened_orders_total", dimensions: [("decision", $0.name)]))
    })

    func screen(_ input: Operations.Screen.Input) async throws -> Operations.Screen.Output {
        let parsed = switch input.body {
        case .json(let body): ScreenRequest(body)
        }
        let answer: ScreeningJSON
        switch parsed.order() {
        case .failure(let e) where e.isOutOfBounds:
            // A bound the schema states (basket lines, quantity, price): the request is invalid.
            return .badRequest(.init(body: .json(Self.error(.badRequest(ja: e.message.ja, en: e.message.en)))))
        case .failure(let e):
            // A valid request whose values cannot be screened (nothing to screen, an unreadable
            // time, an unknown payment wording): answered, as a CSV row is, with `checkable:
            // false` and the reason.
            answer = ScreeningJSON(problem: e.message, reference: parsed.reference)
        case .success(let order):
            do {
                let result = try await batcher.screen(order)
                Self.screened[result.decision]?.increment()
                answer = ScreeningJSON(result, reference: order.reference)
            } catch {
                logger.error("screening failed", metadata: ["error": "\(type(of: error))"])
                return .internalServerError(.init(body: .json(Self.error(.internalError))))
            }
        }
        do {
            return .ok(.init(body: .json(try Components.Schemas.Result(answer))))
        } catch {
            // A name of the node's that screening-api.yaml does not list: the document is behind.
            logger.error("screening: an answer the document cannot carry", metadata: ["field": "\(error.field)"])
            return .internalServerError(.init(body: .json(Self.error(.internalError))))
        }
    }

    func metrics(_ input: Operations.Metrics.Input) async throws -> Operations.Metrics.Output {
        guard let metricsText else {
            return .undocumented(statusCode: 404, Self.undocumented(.notFound))
        }
        // Counts only (Prometheus text format), behind the same bearer token as the API.
        return .ok(.init(body: .plainText(HTTPBody(metricsText()))))
    }

    /// An error body for an answer the document does not declare (`/metrics` when the node exports none).
    static func undocumented(_ e: APIError) -> UndocumentedPayload {
        let body = (try? JSONEncoder().encode(error(e))) ?? Data()
        return UndocumentedPayload(headerFields: [.contentType: "application/json; charset=utf-8"], body: HTTPBody(body))
    }

    /// The document's error body for one of the API's errors.
    static func error(_ e: APIError) -> Components.Schemas._Error {
        let code = Components.Schemas._Error._ErrorPayload.CodePayload(rawValue: e.code) ?? ._internal
        return .init(error: .init(code: code, ja: e.message.ja, en: e.message.en))
    }
}
