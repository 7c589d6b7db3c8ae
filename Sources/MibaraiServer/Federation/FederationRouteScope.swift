import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MibaraiHubAPI
import OpenAPIRuntime

/// What the federation listener does around the handlers generated from `Protocol/hub-api.yaml`:
/// reads a request's body into memory only up to ``HubEndpoints/maxLookupBytes`` (413 beyond),
/// makes the member of the connection's certificate the request's ``FederationAPI/caller``, does
/// not read `Accept` (answers are JSON), and
/// answers a request the generated code cannot read (not JSON, a wrong type, a missing field, an
/// unknown code, a query parameter that is not a number) with the document's error body: 400, or
/// 415 for a Content-Type that is not JSON. Nothing of the request is quoted back.
struct FederationRouteScope: RouterMiddleware {
    typealias Context = FederationRequestContext
    let logger: Logger

    /// A generated handler ran without a caller: the member middleware did not run.
    struct NoCaller: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if request.method == .post {
            // The generated code would read any length: the limit is applied here, first.
            do { _ = try await request.collectBody(upTo: HubEndpoints.maxLookupBytes) } catch {
                return ScreeningServer.respond(error: .lookupTooLarge)
            }
        }
        // Answers are JSON whatever `Accept` says, as they always were: the generated code would
        // refuse a list without JSON in it.
        var head = request.head
        head.headerFields[.accept] = nil
        let forwarded = Request(head: head, body: request.body)
        do {
            return try await FederationAPI.$caller.withValue(context.member) { try await next(forwarded, context) }
        } catch let error as ServerError {
            if error.underlyingError is DecodingError || error.httpStatus == .badRequest {
                return ScreeningServer.respond(error: .badRequest(
                    ja: "リクエストが hub-api.yaml の形式に合いません。", en: "the request does not follow hub-api.yaml."))
            }
            if error.httpStatus == .unsupportedMediaType { return ScreeningServer.respond(error: .unsupportedMediaType) }
            // The operation and the kind of failure: never the request.
            logger.error("federation: request failed", metadata: ["operation": "\(error.operationID)", "error": "\(type(of: error.underlyingError))"])
            return ScreeningServer.respond(error: .internalError)
        }
    }

    /// An error body for an answer the document does not declare (404 on a node that is not a hub).
    static func errorPayload(_ e: APIError) -> UndocumentedPayload {
        let body = (try? JSONEncoder().encode(FederationAPI.error(e))) ?? Data()
        return UndocumentedPayload(headerFields: [.contentType: "application/json; charset=utf-8"], body: HTTPBody(body))
    }
}
