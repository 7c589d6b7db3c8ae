import HTTPTypes
import Hummingbird

/// In front of every page: refuses a request whose Host header does not name this listener (a
/// web site in the owner's browser that re-points its own name at 127.0.0.1 — DNS rebinding —
/// sends its own name), and adds the headers that keep the page to itself: a
/// Content-Security-Policy with no inline script, no framing, no referrer, no caching.
struct WebGuard<Context: RequestContext>: RouterMiddleware {
    let face: WebFace

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let host = request.head.authority, face.allows(host: host) {
            response = try await next(request, context)
        } else {
            response = face.plain(status: .misdirectedRequest,
                                  "このアドレスではページを開けません。http://127.0.0.1:\(face.boundPort ?? 8722)/ を開いてください。\n"
                                  + "This page cannot be opened under that address: open http://127.0.0.1:\(face.boundPort ?? 8722)/ instead.\n")
        }
        for (name, value) in WebFace.securityHeaders where response.headers[name] == nil { response.headers[name] = value }
        return response
    }
}

extension WebFace {
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy,
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (.cacheControl, "no-store"),
    ]
}

extension WebFace {
    /// The names this listener answers to: loopback's, and the address it was told to listen on.
    func allows(host header: String) -> Bool {
        guard let port = boundPort else { return false }
        let value = header.lowercased()
        var names = ["127.0.0.1", "localhost", "[::1]"] + configuration.hostNames.map { $0.contains(":") ? "[\($0)]" : $0 }
        let configured = configuration.host.lowercased()
        if !["0.0.0.0", "::", "[::]"].contains(configured) {
            names.append(configured.contains(":") && !configured.hasPrefix("[") ? "[\(configured)]" : configured)
        }
        let defaultPort = configuration.secure ? 443 : 80
        return names.contains { value == "\($0):\(port)" || (port == defaultPort && value == $0) }
    }
}
