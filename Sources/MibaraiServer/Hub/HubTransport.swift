import Foundation
import HTTPTypes
import Logging
import MibaraiMembership
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import OpenAPIRuntime

/// The transport under the client generated from `Protocol/hub-api.yaml`: each request on a new
/// HTTP/1.1 connection over TLS 1.3 to one hub, with this node's member certificate, the
/// federation's root as the only trust anchor, closed after the answer. The hub's certificate
/// goes through the member gate in the handshake (issued by the federation's root, valid, not
/// revoked) and must name a hub of the configured name: tokens are never sent to another member
/// that sits on a hub's address. Written here because the transports in the package mirror
/// (URLSession, AsyncHTTPClient) cannot check a peer certificate against the member gate.
struct HubTransport: ClientTransport {
    let hub: HubClient.Hub
    let context: NIOSSLContext
    let gate: MemberGateBox
    let timeout: TimeAmount

    enum Failure: Error { case timedOut, closedEarly, tooLarge }

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
        head.headers.replaceOrAdd(name: "Connection", value: "close")
        let (status, headers, answer) = try await exchange(head, bytes)
        var fields = HTTPFields()
        for (name, value) in headers { if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) } }
        return (HTTPResponse(status: .init(code: Int(status.code)), headerFields: fields), HTTPBody(answer))
    }

    /// One request on a new connection: the status, headers and the whole body.
    private func exchange(_ head: HTTPRequestHead, _ body: [UInt8]) async throws -> (HTTPResponseStatus, HTTPHeaders, [UInt8]) {
        let context = self.context, gate = self.gate, hub = self.hub
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: hub.host, port: hub.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let verify: NIOSSLCustomVerificationCallback = { certificates, promise in
                        let member = gate.admit(presented: certificates, logger: Self.quiet, refusal: "hub refused")
                        promise.succeed(member?.role == .hub && member?.name == hub.name ? .certificateVerified : .failed)
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: nil, customVerificationCallback: verify))
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: (HTTPResponseStatus, HTTPHeaders, [UInt8])?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(.head(head))
                    if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                    try await outbound.write(.end(nil))
                    var status = HTTPResponseStatus.internalServerError
                    var headers = HTTPHeaders()
                    var answer = ByteBuffer()
                    for try await part in inbound {
                        switch part {
                        case .head(let h):
                            status = h.status
                            headers = h.headers
                        case .body(var b):
                            guard answer.readableBytes + b.readableBytes <= Self.maxAnswerBytes else { throw Failure.tooLarge }
                            answer.writeBuffer(&b)
                        case .end: return (status, headers, Array(buffer: answer))
                        }
                    }
                    throw Failure.closedEarly
                }
            }
            group.addTask {
                try await Task.sleep(for: .nanoseconds(timeout.nanoseconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                channel.channel.close(promise: nil)
                throw Failure.timedOut
            }
            return result
        }
    }
}
