import Foundation
import HTTPTypes
import Hummingbird
import MibaraiCore
import MibaraiNode
import NIOCore

extension WebFace {
    /// A page: `template` rendered with `data` inside the layout (title, navigation, language switch).
    /// With `refresh`, the browser asks for the page again after a second (a job's progress).
    func page(_ template: String, title: WebText.Key, session: WebSession, data: [String: Any] = [:], status: HTTPResponse.Status = .ok,
              refresh: Bool = false) -> Response {
        let body = renderer.page(template, title: title, session: session, data: data, refresh: refresh)
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func plain(status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other: after a form, the browser asks for the page it names (a reload does not post again).
    func redirect(_ location: String, session: WebSession? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let session { setCookie(session, on: &response) }
        return response
    }

    func setCookie(_ session: WebSession, on response: inout Response) {
        let secure = configuration.secure ? "; Secure" : ""
        response.headers.append(HTTPField(name: .setCookie, value: "\(WebSessions.cookie)=\(session.id); Path=/; HttpOnly; SameSite=Strict\(secure)"))
    }

    /// A message for the page from a failed use case, in the session's language.
    func message(_ error: NodeError, _ session: WebSession) -> String { error.message.text(session.language) }
}
