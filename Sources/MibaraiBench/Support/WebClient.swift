import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One keep-alive HTTP/1.1 connection to a node's listener, as a browser tab holds one: a request
/// at a time, the whole answer (status, headers, body) returned. Part 9 drives the web page with it
/// (session cookie, CSRF tokens, a multipart upload) and the screening API beside it.
final class WebConnection: @unchecked Sendable {
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
        var text: String { String(buffer: body) }
    }

    private var channel: any Channel
    private var handler: WholeAnswerHandler
    private let group: any EventLoopGroup
    let port: Int
    /// The session cookie sent with every request (`mibarai_session=…`), when signed in.
    var cookie: String?
    /// Times the server had closed the connection (its idle timeout is 30 s) and it was opened
    /// again before a request, as a browser does.
    private(set) var reconnects = 0

    private init(channel: any Channel, handler: WholeAnswerHandler, group: any EventLoopGroup, port: Int) {
        self.channel = channel
        self.handler = handler
        self.group = group
        self.port = port
    }

    static func connect(port: Int, on group: any EventLoopGroup) async throws -> WebConnection {
        let (channel, handler) = try await open(port: port, on: group)
        return WebConnection(channel: channel, handler: handler, group: group, port: port)
    }

    private static func open(port: Int, on group: any EventLoopGroup) async throws -> (any Channel, WholeAnswerHandler) {
        let handler = WholeAnswerHandler()
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture {
                    try ch.pipeline.syncOperations.addHTTPClientHandlers()
                    try ch.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return (channel, handler)
    }

    /// Sends one request and waits for the whole answer (on a new connection when the server
    /// closed the last one while it was idle).
    func send(_ method: HTTPMethod, _ uri: String, headers extra: [(String, String)] = [], body: ByteBuffer? = nil) async throws -> Answer {
        if !channel.isActive {
            (channel, handler) = try await Self.open(port: port, on: group)
            reconnects += 1
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
        head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
        if let cookie { head.headers.add(name: "Cookie", value: cookie) }
        for (n, v) in extra { head.headers.add(name: n, value: v) }
        if let body { head.headers.add(name: "Content-Length", value: String(body.readableBytes)) }
        let request = head
        let promise = channel.eventLoop.makePromise(of: Answer.self)
        let handler = self.handler
        let channel = self.channel
        channel.eventLoop.execute {
            handler.pending = promise
            channel.write(HTTPClientRequestPart.head(request), promise: nil)
            if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil)).whenFailure { error in
                handler.pending?.fail(error)
                handler.pending = nil
            }
        }
        return try await promise.futureResult.get()
    }

    /// `send`, refusing any status but `expect`.
    func send(expect: Int, _ method: HTTPMethod, _ uri: String, headers: [(String, String)] = [], body: ByteBuffer? = nil) async throws -> Answer {
        let a = try await send(method, uri, headers: headers, body: body)
        guard a.status == expect else {
            throw BenchError("\(method) \(uri) answered \(a.status), not \(expect): \(a.text.prefix(300))")
        }
        return a
    }

    /// A form post (`application/x-www-form-urlencoded`).
    func post(form: [(String, String)], to uri: String) async throws -> Answer {
        try await send(.POST, uri, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                       body: ByteBuffer(string: Self.urlEncoded(form)))
    }

    func close() async {
        try? await channel.close()
    }

    static func urlEncoded(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return form.map { "\(enc($0.0))=\(enc($0.1))" }.joined(separator: "&")
    }

    /// The value of the page's first `name="csrf"` field.
    static func csrf(in html: String) -> String? {
        guard let r = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = html[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// `mibarai_session=…` from an answer's Set-Cookie.
    static func sessionCookie(_ a: Answer) -> String? {
        for v in a.headers["Set-Cookie"] where v.hasPrefix("mibarai_session=") {
            return String(v.split(separator: ";")[0])
        }
        return nil
    }

    /// Signs in with the password as a browser does: the sign-in page (a session and its CSRF
    /// token), the form posted, then the home page for the signed-in session's CSRF token.
    /// Returns that token; the connection keeps the cookie.
    func signIn(password: String) async throws -> String {
        cookie = nil
        let login = try await send(expect: 200, .GET, "/login")
        guard let first = Self.sessionCookie(login), let token = Self.csrf(in: login.text) else {
            throw BenchError("GET /login gave no session cookie or CSRF token")
        }
        cookie = first
        let posted = try await post(form: [("csrf", token), ("password", password)], to: "/login")
        guard posted.status == 303, let signed = Self.sessionCookie(posted) else {
            throw BenchError("POST /login answered \(posted.status): \(posted.text.prefix(300))")
        }
        cookie = signed
        let home = try await send(expect: 200, .GET, "/")
        guard let csrf = Self.csrf(in: home.text) else { throw BenchError("the home page carries no CSRF token") }
        return csrf
    }
}

/// Collects one answer (head, body, end) and completes the pending promise, on the channel's event loop.
final class WholeAnswerHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    var pending: EventLoopPromise<WebConnection.Answer>?
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.clear()
        case .body(var b):
            body.writeBuffer(&b)
        case .end:
            let p = pending
            pending = nil
            let answer = WebConnection.Answer(status: Int(head?.status.code ?? 0), headers: head?.headers ?? [:], body: body)
            body = ByteBuffer()
            p?.succeed(answer)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending?.fail(BenchError("the server closed the connection"))
        pending = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        pending?.fail(error)
        pending = nil
        context.close(promise: nil)
    }
}
