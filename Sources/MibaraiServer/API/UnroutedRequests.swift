import Hummingbird
import NIOCore

/// Answers what no route takes with the API's error body: a known path asked with another method
/// gets 405 and `Allow` (RFC 9110 § 15.5.6); any other path 404. Without it the router answers
/// both with an empty 404. When the web page shares the listener (`apiOnly: false`), a path
/// outside the API gets a plain bilingual 404 for people instead.
struct UnroutedRequests<Context: RequestContext>: RouterMiddleware {
    /// Each path the API serves, with the one method it takes.
    let allowed: [String: String]
    var apiOnly = true

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            if !apiOnly, !BearerAuth<Context>.isAPI(request.uri.path) {
                return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "ページが見つかりません。\nPage not found.\n")))
            }
            guard let method = allowed[request.uri.path] else { return ScreeningServer.respond(error: .notFound) }
            var response = ScreeningServer.respond(error: .methodNotAllowed)
            response.headers[.allow] = method
            return response
        }
    }
}
