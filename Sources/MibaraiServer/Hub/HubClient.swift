import Foundation
import Logging
import MibaraiCore
import MibaraiMembership
import MibaraiNode
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A shop's client of the hubs' lookup endpoint (`POST /v1/federation/lookup`,
/// `Protocol/hub-api.md`): HTTP/1.1 over TLS 1.3 with this node's member certificate, the
/// federation root as the only trust anchor (`FederationServer.tlsConfiguration`). Hubs are asked
/// in the configured order; a hub that cannot be reached, refuses or answers wrongly is passed
/// over for the next. One connection per request, closed after it. The hub's certificate goes
/// through the member gate in the handshake (issued by the federation's root, valid, not revoked)
/// and must name a hub of the configured name: tokens are never sent to another member that sits
/// on a hub's address.
public struct HubClient: HubLookupClient {
    public struct Hub: Sendable {
        public var name: String
        public var host: String
        public var port: Int

        /// `name@host:port` (IPv6 in brackets); nil when malformed.
        public init?(_ text: String) {
            guard let seed = PeerSeed(text), let colon = seed.address.lastIndex(of: ":"),
                  let port = Int(seed.address[seed.address.index(after: colon)...]) else { return nil }
            name = seed.node
            var host = String(seed.address[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            self.host = host
            self.port = port
        }
    }

    public let hubs: [Hub]
    let context: NIOSSLContext
    let gate: MemberGateBox
    let timeout: TimeAmount

    public init(hubs: [Hub], tls: FederationServer.Configuration, gate: MemberGateBox, timeout: TimeAmount = .seconds(10)) throws {
        self.hubs = hubs
        self.gate = gate
        context = try NIOSSLContext(configuration: FederationServer.tlsConfiguration(tls, server: false))
        self.timeout = timeout
    }

    public func lookup(_ request: HubLookupRequest) async throws(HubsUnavailable) -> HubLookupAnswer {
        let body: [UInt8]
        do { body = Array(try JSONEncoder().encode(request)) } catch { throw HubsUnavailable(attempts: ["the request cannot be encoded"]) }
        var attempts: [String] = []
        for hub in hubs {
            do {
                let (status, bytes, retryAfter) = try await post(body, to: hub)
                if status == .tooManyRequests {
                    // Over quota: the hubs share the count, so no other hub is asked. A wait past
                    // the minute is the daily quota's (the burst's ends with the minute).
                    let wait = retryAfter ?? 60
                    attempts.append("\(hub.name): over quota")
                    throw HubsUnavailable(attempts: attempts, overQuota: HubLookupRefusal(retryAfter: wait, daily: wait > 60))
                }
                guard status == .ok else {
                    attempts.append("\(hub.name): HTTP \(status.code)")
                    continue
                }
                return try JSONDecoder().decode(HubLookupAnswer.self, from: Data(bytes))
            } catch let e as HubsUnavailable {
                throw e
            } catch {
                attempts.append("\(hub.name): \(Self.reason(error))")
            }
        }
        throw HubsUnavailable(attempts: attempts)
    }


    /// A short reason, never the request.
    static func reason(_ error: any Error) -> String {
        switch error {
        case is DecodingError: "an answer that does not decode"
        case let e as ChannelError: "\(e)"
        case let e as NIOSSLError: "TLS (\(e))"
        case let e as IOError: "connection (\(e.errnoCode))"
        default: "\(type(of: error))"
        }
    }

    enum Failure: Error { case timedOut, closedEarly, tooLarge }

    /// The largest answer read (1,000 queries, each with many records, fit well within it).
    static let maxAnswerBytes = 32 << 20

    /// Refusals are the caller's to report (`HubsUnavailable`), not log lines of a command.
    static let quiet: Logger = {
        var l = Logger(label: "mibarai.hubs")
        l.logLevel = .critical
        return l
    }()

    /// This shop's own lookups as the first hub that answers recorded them (`GET /v1/federation/audit`).
    public func audit(days: Int) async throws(HubsUnavailable) -> (hub: String, answer: AuditAnswer) {
        var attempts: [String] = []
        for hub in hubs {
            do {
                let (status, bytes, _) = try await post([], to: hub, method: .GET, uri: "/v1/federation/audit?days=\(days)")
                guard status == .ok else {
                    attempts.append("\(hub.name): HTTP \(status.code)")
                    continue
                }
                return (hub.name, try JSONDecoder().decode(AuditAnswer.self, from: Data(bytes)))
            } catch {
                attempts.append("\(hub.name): \(Self.reason(error))")
            }
        }
        throw HubsUnavailable(attempts: attempts)
    }

    /// One request on a new connection; the status, the whole body and any `Retry-After`.
    func post(_ body: [UInt8], to hub: Hub, method: HTTPMethod = .POST,
              uri: String = "/v1/federation/lookup") async throws -> (HTTPResponseStatus, [UInt8], Int?) {
        let context = self.context, gate = self.gate
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
        return try await withThrowingTaskGroup(of: (HTTPResponseStatus, [UInt8], Int?)?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
                    head.headers.add(name: "Host", value: hub.host)
                    if method == .POST { head.headers.add(name: "Content-Type", value: "application/json") }
                    head.headers.add(name: "Content-Length", value: "\(body.count)")
                    head.headers.add(name: "Connection", value: "close")
                    try await outbound.write(.head(head))
                    if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                    try await outbound.write(.end(nil))
                    var status = HTTPResponseStatus.internalServerError
                    var retryAfter: Int?
                    var answer = ByteBuffer()
                    for try await part in inbound {
                        switch part {
                        case .head(let h):
                            status = h.status
                            retryAfter = h.headers.first(name: "Retry-After").flatMap { Int($0) }
                        case .body(var b):
                            guard answer.readableBytes + b.readableBytes <= Self.maxAnswerBytes else { throw Failure.tooLarge }
                            answer.writeBuffer(&b)
                        case .end: return (status, Array(buffer: answer), retryAfter)
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
