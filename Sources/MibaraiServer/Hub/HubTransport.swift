import Foundation
import HTTPTypes
import Logging
import MibaraiMembership
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import OpenAPIRuntime

/// The transport under the client generated from `Protocol/hub-api.yaml`: HTTP/1.1 over TLS 1.3
/// to one hub, with this node's member certificate and the federation's root as the only trust
/// anchor. The hub's certificate goes through the member gate in the handshake (issued by the
/// federation's root, valid, not revoked) and must name a hub of the configured name: tokens are
/// never sent to another member that sits on a hub's address. Connections are kept open between
/// requests (``HubConnectionPool``), one request at a time each. Written here because the
/// transports in the package mirror (URLSession, AsyncHTTPClient) cannot check a peer certificate
/// against the member gate.
struct HubTransport: ClientTransport {
    let hub: HubClient.Hub
    let context: NIOSSLContext
    let gate: MemberGateBox
    let timeout: TimeAmount
    let pool: HubConnectionPool

    /// The largest answer read (1,000 queries, each with many records, fit well within it).
    static let maxAnswerBytes = 32 << 20

    /// Refusals are the caller's to report (`HubsUnavailable`), not log lines of a command.
    static let quiet: Logger = {
        var l = Logger(label: "mibarai.hubs")
        l.logLevel = .critical
        return l
    }()

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        let bytes: [UInt8] = if let body { try await [UInt8](collecting: body, upTo: HubEndpoints.maxLookupBytes) } else { [] }
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method.rawValue), uri: request.path ?? "/")
        for field in request.headerFields { head.headers.add(name: field.name.rawName, value: field.value) }
        head.headers.replaceOrAdd(name: "Host", value: hub.host)
        head.headers.replaceOrAdd(name: "Content-Length", value: "\(bytes.count)")
        let answer = try await exchange(head, bytes)
        var fields = HTTPFields()
        for (name, value) in answer.headers { if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) } }
        return (HTTPResponse(status: .init(code: Int(answer.status.code)), headerFields: fields), HTTPBody(answer.body))
    }

    /// The request on a kept connection, else on a new one. A kept connection that closes before
    /// any byte of the answer (the hub closed it as idle just then, before reading the request) is
    /// given up and the request sent once more on a new connection; a new one that does so is a
    /// failure. A connection that closes in the middle of an answer is never retried: the hub
    /// answered, and took the lookup from the shop's quota.
    private func exchange(_ head: HTTPRequestHead, _ body: [UInt8]) async throws -> HubConnection.Answer {
        if let kept = pool.take() {
            do {
                let (answer, reusable) = try await kept.exchange(head, body, timeout: timeout)
                if reusable { pool.give(kept) } else { kept.channel.close(promise: nil) }
                return answer
            } catch HubConnection.Failure.closedBeforeAnswer {
                kept.channel.close(promise: nil)
            }
        }
        // A new connection's request ends by its answer or its deadline (`timeout`), cancelled or not.
        let (connection, answer) = try await connectAndSend(head, body).get()
        if connection.reusable(after: answer) { pool.give(connection) } else { connection.channel.close(promise: nil) }
        return answer
    }

    /// A new connection to the hub with the request written on it as soon as it is connected (on
    /// the event loop: no task runs in between). Its TLS handshake starts at once; the request
    /// stays buffered until the hub's certificate is admitted, and a refusal fails it with the TLS
    /// error. The connection is closed when the request fails.
    private func connectAndSend(_ head: HTTPRequestHead, _ body: [UInt8]) -> EventLoopFuture<(HubConnection, HubConnection.Answer)> {
        let context = self.context, gate = self.gate, hub = self.hub, timeout = self.timeout
        let collector = HubConnection.Collector(maxBytes: Self.maxAnswerBytes)
        return ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let verify: NIOSSLCustomVerificationCallback = { certificates, promise in
                        let member = gate.admit(presented: certificates, logger: Self.quiet, refusal: "hub refused")
                        promise.succeed(member?.role == .hub && member?.name == hub.name ? .certificateVerified : .failed)
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: nil, customVerificationCallback: verify))
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
            .connect(host: hub.host, port: hub.port)
            .flatMap { channel in
                let connection = HubConnection(channel: channel, collector: collector)
                return connection.send(head, body, timeout: timeout)
                    .map { (connection, $0) }
                    .flatMapErrorThrowing { error in
                        channel.close(promise: nil)
                        throw error
                    }
            }
    }
}
