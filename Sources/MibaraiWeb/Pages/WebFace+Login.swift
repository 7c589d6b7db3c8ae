import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode

extension WebFace {
    /// `/login` and `/logout`. Signing in needs the session's CSRF token too (a form on another
    /// site cannot sign the owner's browser in to anything), is throttled (``LoginThrottle``), and
    /// replaces the session.
    func addLogin(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/login") { request, _ -> Response in
            if let s = self.session(of: request), s.signedIn { return self.redirect("/") }
            return self.loginPage(self.session(of: request) ?? self.sessions.start(language: self.preferredLanguage(request)), error: nil, status: .ok)
        }
        pages.post("/login") { request, _ -> Response in
            guard let s = self.session(of: request) else { return self.redirect("/login") }
            var request = request
            guard let form = try await self.readForm(&request, limit: 4096), let token = form["csrf"], WebSessions.same(token, s.csrf) else {
                return self.page("error", title: .errorTitle, session: s, data: ["message": WebText.text(.csrfRefused, s.language)], status: .forbidden)
            }
            if let wait = self.throttle.wait() {
                return self.loginPage(s, error: WebText.text(.loginThrottled, s.language).replacingOccurrences(of: "{s}", with: "\(wait)"), status: .tooManyRequests)
            }
            let password = form.values["password"] ?? ""
            let directory = self.node.directory
            let ok: Bool
            do throws(NodeError) {
                ok = try await self.offloaded { () throws(NodeError) -> Bool in
                    guard let stored = try directory.webPassword() else { return false }
                    return stored.matches(password)
                }
            } catch {
                return self.loginPage(s, error: self.message(error, s), status: .internalServerError)
            }
            guard ok else {
                self.throttle.failed()
                self.logger.notice("web sign-in refused")
                return self.loginPage(s, error: WebText.text(.loginWrong, s.language), status: .unauthorized)
            }
            self.sessions.end(s.id)
            let signed = self.sessions.start(language: s.language, signedIn: true)
            self.logger.notice("web sign-in")
            return self.redirect("/", session: signed)
        }
        pages.post("/logout") { request, _ -> Response in
            try await self.posted(request) { s, _ in
                self.sessions.end(s.id)
                return self.redirect("/login")
            }
        }
    }

    func loginPage(_ s: WebSession, error: String?, status: HTTPResponse.Status) -> Response {
        let hasPassword = (try? node.directory.webPassword()) != nil
        var data: [String: Any] = ["hasPassword": hasPassword, "dataDir": node.directory.path]
        if let error { data["error"] = error }
        var response = page("login", title: .loginTitle, session: s, data: data, status: status)
        setCookie(s, on: &response)
        return response
    }

    /// Japanese unless the browser asks for English first (a `?lang=` overrides).
    func preferredLanguage(_ request: Request) -> Language {
        if let lang = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) { return lang }
        let accept = request.headers[.acceptLanguage]?.lowercased() ?? ""
        return accept.hasPrefix("en") ? .en : .ja
    }
}
