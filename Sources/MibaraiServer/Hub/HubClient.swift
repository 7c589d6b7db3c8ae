import Foundation
import MibaraiCore
import MibaraiHubAPI
import MibaraiNode
import NIOCore
import NIOSSL
import OpenAPIRuntime

/// A shop's client of the hubs (`Protocol/hub-api.md`): the client generated from
/// `Protocol/hub-api.yaml` over ``HubTransport`` (mutual TLS, the hub's certificate checked
/// against the configured name, connections kept open between requests). Hubs are asked in the
/// configured order; a hub that cannot be reached, refuses or answers wrongly is passed over for
/// the next.
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
    /// Each hub's open connections, shared by every copy of this client.
    let pools: [HubConnectionPool]

    public init(hubs: [Hub], tls: FederationServer.Configuration, gate: MemberGateBox, timeout: TimeAmount = .seconds(10)) throws {
        self.hubs = hubs
        pools = hubs.map { _ in HubConnectionPool() }
        self.gate = gate
        context = try NIOSSLContext(configuration: FederationServer.tlsConfiguration(tls, server: false))
        self.timeout = timeout
    }

    /// The generated client of the `index`th hub.
    func client(_ index: Int) -> Client {
        Client(serverURL: .defaultOpenAPIServerURL, configuration: .init(jsonEncodingOptions: []),
               transport: HubTransport(hub: hubs[index], context: context, gate: gate, timeout: timeout, pool: pools[index]))
    }

    /// Connections kept open to the hubs and still open (a hub closes one idle for 10 s).
    public var openConnections: Int { pools.reduce(0) { $0 + $1.openCount } }

    /// Closes the connections kept open to the hubs.
    public func close() {
        for pool in pools { pool.close() }
    }

    public func lookup(_ request: HubLookupRequest) async throws(HubsUnavailable) -> HubLookupAnswer {
        guard let body = Components.Schemas.LookupRequest(request) else {
            throw HubsUnavailable(attempts: ["the request cannot be encoded"])
        }
        var attempts: [String] = []
        for (index, hub) in hubs.enumerated() {
            do {
                switch try await client(index).lookup(body: .json(body)) {
                case .ok(let ok):
                    return try HubLookupAnswer(ok.body.json)
                case .tooManyRequests(let refusal):
                    // Over quota: the hubs share the count, so no other hub is asked. A wait past
                    // the minute is the daily quota's (the burst's ends with the minute).
                    let wait = refusal.headers.retryAfter
                    attempts.append("\(hub.name): over quota")
                    throw HubsUnavailable(attempts: attempts, overQuota: HubLookupRefusal(retryAfter: wait, daily: wait > 60))
                case .badRequest: attempts.append("\(hub.name): HTTP 400")
                case .forbidden: attempts.append("\(hub.name): HTTP 403")
                case .contentTooLarge: attempts.append("\(hub.name): HTTP 413")
                case .unsupportedMediaType: attempts.append("\(hub.name): HTTP 415")
                case .internalServerError: attempts.append("\(hub.name): HTTP 500")
                case .undocumented(let status, _): attempts.append("\(hub.name): HTTP \(status)")
                }
            } catch let e as HubsUnavailable {
                throw e
            } catch let e as ClientError where e.response?.status == .tooManyRequests {
                // A 429 the generated client could not read (no Retry-After): still over quota,
                // and no other hub is asked; a minute's wait.
                attempts.append("\(hub.name): over quota")
                throw HubsUnavailable(attempts: attempts, overQuota: HubLookupRefusal(retryAfter: 60, daily: false))
            } catch {
                attempts.append("\(hub.name): \(Self.reason(error))")
            }
        }
        throw HubsUnavailable(attempts: attempts)
    }

    /// This shop's own lookups as the first hub that answers recorded them (`GET /v1/federation/audit`).
    public func audit(days: Int) async throws(HubsUnavailable) -> (hub: String, answer: AuditAnswer) {
        var attempts: [String] = []
        for (index, hub) in hubs.enumerated() {
            do {
                switch try await client(index).audit(query: .init(days: days)) {
                case .ok(let ok): return (hub.name, AuditAnswer(try ok.body.json))
                case .badRequest: attempts.append("\(hub.name): HTTP 400")
                case .forbidden: attempts.append("\(hub.name): HTTP 403")
                case .internalServerError: attempts.append("\(hub.name): HTTP 500")
                case .undocumented(let status, _): attempts.append("\(hub.name): HTTP \(status)")
                }
            } catch {
                attempts.append("\(hub.name): \(Self.reason(error))")
            }
        }
        throw HubsUnavailable(attempts: attempts)
    }

    /// A short reason, never the request.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let e as ClientError: reason(e.underlyingError)
        case is DecodingError: "an answer that does not decode"
        case let e as HubLookupError: "an answer that breaks hub-api.md (\(e))"
        case let e as HubConnection.Failure: "connection (\(e))"
        case let e as ChannelError: "\(e)"
        case let e as NIOSSLError: "TLS (\(e))"
        case let e as BoringSSLError: "TLS (\(e))"
        case let e as IOError: "connection (\(e.errnoCode))"
        default: "\(type(of: error))"
        }
    }
}
