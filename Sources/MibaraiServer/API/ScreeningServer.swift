import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import MibaraiScreeningAPI
import OpenAPIHummingbird
import NIOSSL
import Logging
import Metrics
import MibaraiCore
import MibaraiNode
import MibaraiStore
import NIOCore
import ServiceLifecycle

/// The node's local HTTP API (Protocol/screening-api.md): `POST /v1/screen` screens one order.
/// Every request to the API (`/v1/…`, `/metrics`) needs `Authorization: Bearer <token>`; with
/// `pages`, the listener also serves the shop owner's web page (MibaraiWeb), which has its own
/// sign-in, on every other path. The server is a `Service`: run it in a
/// `ServiceGroup` (with the other listeners of `mibarai serve`) for graceful shutdown.
///
/// Nothing about an order is logged: the log holds start, stop and errors by type only.
public enum ScreeningServer {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var token: String
        /// Largest request body accepted.
        public var maxBodyBytes = 1 << 20
        /// How long a connection may send no complete request before it is closed.
        public var idleTimeout = Duration.seconds(30)
        /// HTTPS with this certificate and key (``tls(certificatePEM:privateKeyPEM:)``); nil: plain HTTP.
        public var tls: TLSConfiguration?

        public init(host: String, port: Int, token: String) {
            self.host = host
            self.port = port
            self.token = token
        }
    }

    /// HTTPS settings from a certificate chain and its key (PEM): TLS 1.2 or later, no client
    /// certificate. Throws when either does not read.
    public static func tls(certificatePEM: String, privateKeyPEM: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        guard !chain.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        return tls
    }

    /// The Hummingbird application. `onRunning` receives the bound port (useful with port 0).
    /// With a `budget`, its connections count against the budget's API share: connections beyond
    /// it are closed at once (strangers on the federation ports never take the API's share).
    public static func application(
        screener: OrderScreener, configuration: Configuration, now: @escaping @Sendable () -> Int64,
        logger: Logger, metrics: (@Sendable () -> [UInt8])? = nil, budget: ConnectionBudget? = nil,
        pages: ((Router<BasicRequestContext>) -> Void)? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        // Without pages, every path needs the token (as before there were pages); with them, the
        // API's paths only.
        router.middlewares.add(BearerAuth(token: Array(configuration.token.utf8), everyPath: pages == nil))
        router.middlewares.add(UnroutedRequests(allowed: ["/v1/screen": "POST", "/metrics": "GET"], apiOnly: pages == nil))
        router.middlewares.add(ScreeningRouteScope(maxBodyBytes: configuration.maxBodyBytes, logger: logger))
        // The routes of Protocol/screening-api.yaml, from the code generated from it; answers
        // on one line, keys in the document's order.
        try ScreeningAPI(batcher: ScreeningBatcher(screener: screener, now: now), metricsText: metrics, logger: logger)
            .registerHandlers(on: router, configuration: .init(jsonEncodingOptions: [.withoutEscapingSlashes]))
        pages?(router)
        // A connection that sends no complete request for this long (a header read that
        // trickles included) is closed.
        var server = HTTPServerBuilder.http1(configuration: .init(
            additionalChannelHandlers: budget.map { [ConnectionAdmissionHandler(budget: $0, share: .api, listener: "api")] } ?? [],
            idleTimeout: .init(configuration.idleTimeout)))
        if let tls = configuration.tls { server = try .tls(server, tlsConfiguration: tls) }
        return Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mibarai"),
            onServerRunning: { channel in
                // An accept failing with EMFILE or ENFILE pauses accepting instead of spinning.
                if let budget { await AcceptPause.install(on: channel) { budget.acceptFailed(listener: "api") } }
                await onRunning(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
    }

    /// The JSON encoder of the API: snake_case keys, sorted, one line.
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }

    static func respond(error: APIError) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable { var code: String; var ja: String; var en: String }
            var error: Detail
        }
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if error.status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"mibarai\"" }
        let data = (try? encoder().encode(Body(error: .init(code: error.code, ja: error.message.ja, en: error.message.en)))) ?? Data()
        return Response(status: .init(code: error.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A path's segments as the router matches them: split at `/`, empty ones dropped.
    static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// `application/json` or a `+json` type, parameters aside. An empty type is not JSON.
    static func isJSON(_ contentType: String) -> Bool {
        let type = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// A bilingual 400 for a body that is not the order JSON: where it went wrong (keys only,
    /// never a value).
    static func decodingProblem(_ error: any Error) -> APIError {
        func path(_ p: [any CodingKey]) -> String {
            let s = p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return s.isEmpty ? "(body)" : s
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let c)?:
            let at = path(c.codingPath + [key])
            return .badRequest(ja: "JSON に必須の項目がありません: \(at)", en: "missing field in the JSON: \(at)")
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?:
            let at = path(c.codingPath)
            return .badRequest(ja: "JSON の項目の型が違います: \(at)", en: "wrong type for a field in the JSON: \(at)")
        default:
            return .badRequest(ja: "本文が JSON の注文として読めません。", en: "the body is not an order in JSON.")
        }
    }
}

/// Refuses requests without the node's bearer token (compared in constant time): on every path,
/// or (`everyPath: false`, when the web page shares the listener) on the API's paths only.
struct BearerAuth<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]
    var everyPath = true

    /// The API's paths: every version's (`/v1/…`, `/v2/…`) and `/metrics`. Read by segments, empty
    /// ones dropped, as the router reads a path: `//v1/screen` and `/v1//screen` are `/v1/screen`
    /// there, and so here.
    static func isAPI(_ path: String) -> Bool {
        guard let first = ScreeningServer.segments(path).first else { return false }
        if first == "metrics" { return true }
        guard first.hasPrefix("v") else { return false }
        let version = first.dropFirst()
        return !version.isEmpty && version.allSatisfy { $0.isASCII && $0.isNumber }
    }


    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard everyPath || Self.isAPI(request.uri.path) else { return try await next(request, context) }
        // The scheme's name is case-insensitive (RFC 9110 § 11.1): `Bearer`, `bearer`, `BEARER`.
        guard let header = request.headers[.authorization], header.utf8.count > 7,
              header.prefix(7).lowercased() == "bearer " else {
            return ScreeningServer.respond(error: .unauthorized)
        }
        let given = Array(header.dropFirst(7).utf8)
        var diff = UInt8(given.count == token.count ? 0 : 1)
        for i in 0..<token.count { diff |= token[i] ^ (i < given.count ? given[i] : 0) }
        guard diff == 0 else { return ScreeningServer.respond(error: .unauthorized) }
        return try await next(request, context)
    }
}
