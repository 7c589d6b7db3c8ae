import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode

extension WebFace {
    /// The session a request carries, if any (a `?lang=` switches its language).
    func session(of request: Request) -> WebSession? {
        guard var s = sessions.session(request.cookies[WebSessions.cookie]?.value) else { return nil }
        if let lang = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)), lang != s.language {
            sessions.update(s.id) { $0.language = lang }
            s.language = lang
        }
        return s
    }

    /// A page for a signed-in session; anyone else is sent to the sign-in page.
    func signedIn(_ request: Request, _ page: (WebSession) async throws -> Response) async throws -> Response {
        guard let s = session(of: request), s.signedIn else { return redirect("/login") }
        return try await page(s)
    }

    /// A form sent by a signed-in session, with its CSRF token checked: a form without the
    /// session's token (another site's, an old tab's) is refused with 403 and does nothing.
    func posted(_ request: Request, limit: Int? = nil, _ handle: (WebSession, WebForm) async throws -> Response) async throws -> Response {
        guard let s = session(of: request), s.signedIn else { return redirect("/login") }
        var request = request
        guard let form = try await readForm(&request, limit: limit ?? configuration.maxFormBytes) else {
            return page("error", title: .errorTitle, session: s, data: ["message": WebText.text(.formTooLarge, s.language)], status: .contentTooLarge)
        }
        guard let token = form["csrf"], WebSessions.same(token, s.csrf) else {
            return page("error", title: .errorTitle, session: s, data: ["message": WebText.text(.csrfRefused, s.language)], status: .forbidden)
        }
        return try await handle(s, form)
    }

    /// The body of a form post (`application/x-www-form-urlencoded`); nil when larger than `limit`.
    func readForm(_ request: inout Request, limit: Int) async throws -> WebForm? {
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: limit) } catch { return nil }
        return WebForm(urlEncoded: String(buffer: body))
    }
}
