import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MibaraiScreeningAPI
import NIOCore
import OpenAPIRuntime

/// What the screening API does around the handlers generated from `Protocol/screening-api.yaml`.
/// Paths are compared by segments, as the router matches them (`/v1//screen` is `/v1/screen`).
/// For `POST /v1/screen`, before the generated code reads the body:
/// - a Content-Type that says the body is not JSON is 415 before the body is read (a `+json`
///   type is taken as `application/json`; no Content-Type is read as JSON);
/// - the body is read only up to the configured limit (413 beyond; the generated code would read
///   any length);
/// - a body with a NUL byte is 400 (JSON is exchanged as UTF-8, and a NUL is in no UTF-8 JSON);
/// - a `null` anywhere is 400 naming where (the document marks no field nullable, and the
///   generated code would take `null` as absent).
/// On both routes `Accept` is not read (answers are JSON, or Prometheus text on `/metrics`,
/// whatever it says, as the API always did), `/metrics` keeps the Prometheus content type with
/// its version, and a request the generated code cannot read is 400 naming the field (415 for a
/// content type), never quoting a value.
struct ScreeningRouteScope<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int
    let logger: Logger

    enum Route { case screen, metrics }

    static func route(_ request: Request) -> Route? {
        let segments = ScreeningServer.segments(request.uri.path)
        if segments == ["v1", "screen"] { return .screen }
        if segments == ["metrics"] { return .metrics }
        return nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let route = Self.route(request) else { return try await next(request, context) }
        var head = request.head
        head.headerFields[.accept] = nil
        var forwarded = Request(head: head, body: request.body)
        if route == .screen, request.method == .post {
            if let type = request.headers[.contentType], !ScreeningServer.isJSON(type) {
                return ScreeningServer.respond(error: .unsupportedMediaType)
            }
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: maxBodyBytes) } catch {
                return ScreeningServer.respond(error: .tooLarge)
            }
            if body.readableBytesView.contains(0) {
                return ScreeningServer.respond(error: .badRequest(ja: "本文は UTF-8 の JSON で送ってください。", en: "send the body as JSON in UTF-8."))
            }
            if Self.hasNull(body) {
                // The strict reading of the same body says where (`ScreenRequest.init(from:)`).
                do {
                    _ = try JSONDecoder().decode(ScreenRequest.self, from: Data(body.readableBytesView))
                } catch {
                    return ScreeningServer.respond(error: ScreeningServer.decodingProblem(error))
                }
            }
            // The generated code takes `application/json` only: a `+json` type or none is read as it.
            head.headerFields[.contentType] = "application/json"
            forwarded = Request(head: head, body: .init(buffer: body))
        }
        do {
            var response = try await next(forwarded, context)
            if route == .metrics, response.status == .ok {
                response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            }
            return response
        } catch let error as ServerError {
            if error.httpStatus == .unsupportedMediaType { return ScreeningServer.respond(error: .unsupportedMediaType) }
            if error.httpStatus == .badRequest || error.underlyingError is DecodingError {
                return ScreeningServer.respond(error: ScreeningServer.decodingProblem(error.underlyingError))
            }
            logger.error("api: request failed", metadata: ["operation": "\(error.operationID)", "error": "\(type(of: error.underlyingError))"])
            return ScreeningServer.respond(error: .internalError)
        }
    }

    /// True when the bytes hold `null` outside a string. In JSON, a byte `n` outside a string can
    /// only begin `null` (and in a body that is not JSON the reading fails anyway).
    static func hasNull(_ body: ByteBuffer) -> Bool {
        var inString = false, escaped = false
        for byte in body.readableBytesView {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "n") {
                return true
            }
        }
        return false
    }
}
