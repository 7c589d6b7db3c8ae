import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MibaraiScreeningAPI
import NIOCore
import OpenAPIRuntime

/// What the screening API does around the handler generated from `Protocol/screening-api.yaml`
/// for `POST /v1/screen`, before the generated code reads the body:
/// - a Content-Type that says the body is not JSON is 415 before the body is read (a `+json`
///   type is taken as `application/json`; no Content-Type is read as JSON);
/// - the body is read only up to the configured limit (413 beyond; the generated code would read
///   any length);
/// - a `null` anywhere is 400 naming where (the document marks no field nullable, and the
///   generated code would take `null` as absent).
/// After it, a body the generated code cannot read (not JSON, a wrong type, `billing` missing) is
/// 400 naming the field, never quoting a value.
struct ScreeningRouteScope<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/v1/screen", request.method == .post else { return try await next(request, context) }
        var request = request
        if let type = request.headers[.contentType], !ScreeningServer.isJSON(type) {
            return ScreeningServer.respond(error: .unsupportedMediaType)
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maxBodyBytes) } catch {
            return ScreeningServer.respond(error: .tooLarge)
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
        var head = request.head
        head.headerFields[.contentType] = "application/json"
        do {
            return try await next(Request(head: head, body: .init(buffer: body)), context)
        } catch let error as ServerError {
            if error.httpStatus == .unsupportedMediaType { return ScreeningServer.respond(error: .unsupportedMediaType) }
            if error.httpStatus == .badRequest || error.underlyingError is DecodingError {
                return ScreeningServer.respond(error: ScreeningServer.decodingProblem(error.underlyingError))
            }
            if error.httpStatus == .notAcceptable {
                return ScreeningServer.respond(error: .badRequest(ja: "応答は application/json だけです。", en: "answers are application/json only."))
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
