import Hummingbird

/// Answers what no route takes with the API's error body: a known path asked with another method
/// gets 405 and `Allow` (RFC 9110 § 15.5.6); any other path 404. Without it the router answers
/// both with an empty 404.
struct UnroutedRequests<Context: RequestContext>: RouterMiddleware {
    /// Each path the API serves, with the one method it takes.
    let allowed: [String: String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let method = allowed[request.uri.path] else { return ScreeningServer.respond(error: .notFound) }
            var response = ScreeningServer.respond(error: .methodNotAllowed)
            response.headers[.allow] = method
            return response
        }
    }
}
