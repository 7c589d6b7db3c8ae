import Foundation
import Hummingbird
import MibaraiHubAPI
import OpenAPIHummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import MibaraiCore
import MibaraiMembership
import NIOCore
import NIOSSL
import X509

/// The federation listener (Protocol/membership.md, "Transport"): HTTP/1.1 over TLS 1.3 with a
/// client certificate required. During the handshake the peer's certificate goes through the
/// `MemberGate` (issued by the federation root, valid now, not revoked); a peer without a
/// certificate, with another CA's, an expired or a revoked one never gets to send a request.
public enum FederationServer {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// This node's certificate and TLS key, PEM.
        public var certificatePEM: String
        public var privateKeyPEM: String
        /// The federation root, PEM.
        public var rootPEM: String

        public init(host: String, port: Int, certificatePEM: String, privateKeyPEM: String, rootPEM: String) {
            self.host = host
            self.port = port
            self.certificatePEM = certificatePEM
            self.privateKeyPEM = privateKeyPEM
            self.rootPEM = rootPEM
        }
    }

    /// Protocol versions this node speaks (those of its gossip, `Protocol/federation.md`
    /// "Versions"); a peer picks the highest both list.
    public static let protocolVersions = GossipConfiguration().versions.map(Int.init)

    /// The TLS settings both ends use: TLS 1.3 only, the federation root as the only trust anchor.
    public static func tlsConfiguration(_ c: Configuration, server: Bool) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(c.certificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(c.privateKeyPEM.utf8), format: .pem)
        let roots = try NIOSSLCertificate.fromPEMBytes(Array(c.rootPEM.utf8))
        var tls = server
            ? TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            : TLSConfiguration.makeClientConfiguration()
        if !server {
            tls.certificateChain = chain
            tls.privateKey = .privateKey(key)
        }
        tls.minimumTLSVersion = .tlsv13
        tls.trustRoots = .certificates(roots)
        tls.certificateVerification = .noHostnameVerification
        return tls
    }

    /// The Hummingbird application of the listener. `onRunning` receives the bound port. Its
    /// connections count against `budget` (shared with the node's other listeners): unverified
    /// until their handshake verifies a member, then members'.
    public static func application(
        configuration: Configuration, gate: MemberGateBox, me: MemberCertificate, budget: ConnectionBudget, logger: Logger,
        hub: HubEndpoints? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router(context: FederationRequestContext.self)
        router.middlewares.add(PeerMemberMiddleware(gate: gate))
        // What no route takes: 405 with `Allow` on a known path, else 404, with the error body.
        router.middlewares.add(UnroutedRequests(allowed: [
            "/v1/federation/hello": "GET", "/v1/federation/lookup": "POST", "/v1/federation/audit": "GET",
        ]))
        router.middlewares.add(FederationRouteScope(logger: logger))
        // The routes of Protocol/hub-api.yaml, from the code generated from it.
        // Answers on one line, keys unsorted: a lookup's answer can hold thousands of records.
        try FederationAPI(me: me, hub: hub, logger: logger).registerHandlers(on: router, configuration: .init(jsonEncodingOptions: []))
        let tls = try tlsConfiguration(configuration, server: true)
        let server = try HTTPServerBuilder.tls(
            // A connection that completes no request within this time (its TLS handshake or its
            // headers included) is closed: no one holds the node's file descriptors by doing nothing.
            // The handlers are made anew for each connection (an autoclosure).
            .http1(configuration: .init(additionalChannelHandlers: [ConnectionAdmissionHandler(budget: budget, share: .unverified, listener: "federation")],
                                        idleTimeout: .init(FederationServer.idleTimeout))),
            configuration: TLSChannelConfiguration(tlsConfiguration: tls, customAsyncVerificationCallback: { certificates in
                gate.admit(presented: certificates, logger: logger, refusal: "peer refused") == nil ? .failed : .certificateVerified
            })
        )
        return Application(
            router: router, server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mibarai"),
            onServerRunning: { channel in
                // An accept failing with EMFILE or ENFILE pauses accepting instead of spinning.
                await AcceptPause.install(on: channel) { budget.acceptFailed(listener: "federation") }
                await onRunning(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
    }

    /// How long a connection may send no request (its TLS handshake and headers included).
    public static let idleTimeout = Duration.seconds(10)
}
