import Foundation
import Logging
import MibaraiCore
import MibaraiMembership
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// Runs a `GossipNode` on real sockets: a listener and outgoing connections, both TLS 1.3 with
/// client certificates required and every peer certificate put through the member gate in the
/// handshake; then length-prefixed frames (`Protocol/federation.md`, "Messages") both ways. Ticks
/// the node on a timer. Stops on graceful shutdown.
public struct GossipService: Service {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// This node's certificate, TLS key and the federation root (PEM), as the federation listener.
        public var tls: FederationServer.Configuration
        /// How often the node is ticked (the state machine starts a round each `gossip.interval`).
        public var tickEvery: Duration
        public var connectTimeout: TimeAmount
        /// `host:port` peers should dial to reach this node (told to them in `hello`); nil: the
        /// listening host when it is a specific address, else nothing (the node then only dials out).
        public var advertise: String?
        /// False for a node that only dials out for a while (`mibarai sync`): it tells peers no
        /// address, whatever it listens on.
        public var advertisesListener = true

        public init(
            host: String, port: Int, tls: FederationServer.Configuration, tickEvery: Duration,
            connectTimeout: TimeAmount = .seconds(5), advertise: String? = nil
        ) {
            self.host = host
            self.port = port
            self.advertise = advertise
            self.tls = tls
            self.tickEvery = tickEvery
            self.connectTimeout = connectTimeout
        }
    }

    let node: GossipNode
    let configuration: Configuration
    let gate: MemberGateBox
    let logger: Logger
    let maxMessageBytes: Int
    let serverContext: NIOSSLContext
    let clientContext: NIOSSLContext
    let onRunning: @Sendable (Int) async -> Void
    let handshakeTimeout = TimeAmount.seconds(10)
    /// Every connection's events, on their way to the node.
    let connectionEvents = ConnectionEvents()
    /// The node's `hello`, which connections send themselves.
    let greeting = ConnectionGreeting()
    /// The node's connection budget, shared with its other listeners: accepted connections count
    /// as unverified until their handshake verifies a member (the node's own dials do not count).
    let budget: ConnectionBudget

    public init(
        node: GossipNode, configuration: Configuration, gate: MemberGateBox, budget: ConnectionBudget, maxMessageBytes: Int, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws {
        self.node = node
        self.budget = budget
        self.configuration = configuration
        self.gate = gate
        self.logger = logger
        self.maxMessageBytes = maxMessageBytes
        serverContext = try NIOSSLContext(configuration: FederationServer.tlsConfiguration(configuration.tls, server: true))
        clientContext = try NIOSSLContext(configuration: FederationServer.tlsConfiguration(configuration.tls, server: false))
        self.onRunning = onRunning
    }

    public func run() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let budget = self.budget
        // Accepted connections are set up on their event loop and stay there until they close;
        // only their events go to the node (`ConnectionEvents`).
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // An accept failing with EMFILE or ENFILE pauses accepting instead of spinning (`AcceptPause`).
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptPause { budget.acceptFailed(listener: "gossip") })
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel, expecting: nil) }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
        let port = server.localAddress?.port ?? configuration.port
        let (events, logger) = (connectionEvents, logger)
        server.closeFuture.whenComplete { _ in
            if !events.isClosed { logger.notice("gossip: the listener stopped") }
        }
        let hello = await node.listening(on: advertised(port: port))
        greeting.set(ByteBuffer(bytes: hello.framed()))
        await onRunning(port)
        await withDiscardingTaskGroup { tasks in
            tasks.addTask {
                // The node takes the connections' events in batches, in the order they came.
                for await _ in connectionEvents.wakeUps {
                    await node.take(from: connectionEvents)
                }
            }
            tasks.addTask {
                await withDiscardingTaskGroup { dials in
                    for await peer in node.dialRequests {
                        dials.addTask { await self.dial(peer) }
                    }
                }
            }
            tasks.addTask {
                while !Task.isCancelled {
                    // Events that wait for a wake-up (`ConnectionEvents`) are taken before each
                    // tick, so no round acts on a connection whose end the node has not taken.
                    await node.take(from: connectionEvents)
                    await node.tick()
                    try? await Task.sleep(for: configuration.tickEvery)
                }
            }
            // On graceful shutdown (or cancellation) everything above ends: connections waiting
            // to be attached close (and any whose handshake ends later, or their 10 s timeout
            // closes them), the listener stops, the node closes its connections, the dial stream
            // finishes (dials under way close), the timer stops.
            try? await gracefulShutdown()
            connectionEvents.close()
            try? await server.close()
            await node.shutdown()
            tasks.cancelAll()
        }
    }

    /// `host:port` as peers should dial it: `advertise` when set, else the listening host when it
    /// is a specific address, else empty (listening on every address, the node cannot know which
    /// one peers reach; it then only dials out and answers those who know it from configuration).
    private func advertised(port: Int) -> String {
        guard configuration.advertisesListener else { return "" }
        if let a = configuration.advertise, !a.isEmpty { return a }
        let host = configuration.host
        if ["0.0.0.0", "::", ""].contains(host) { return "" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private func dial(_ peer: PeerInfo) async {
        await connect(peer)
        connectionEvents.push(.dialEnded(peer.id))
    }

    /// Dials `peer` and returns when the connection has closed (or could not be made).
    private func connect(_ peer: PeerInfo) async {
        guard let colon = peer.address.lastIndex(of: ":"), let port = Int(peer.address[peer.address.index(after: colon)...]) else { return }
        let host = String(peer.address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(configuration.connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try self.configure(channel, expecting: peer.id) }
                }
                .connect(host: host, port: port)
                .get()
            try await withTaskCancellationHandler {
                try await channel.closeFuture.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            let name = await node.name(of: peer.id)
            logger.info("gossip: cannot connect", metadata: ["peer": "\(name)", "error": "\(type(of: error))"])
        }
    }

    /// TLS with the gate as the verifier, the frame decoder, then the connection's handler.
    private func configure(_ channel: any Channel, expecting expected: NodeID?) throws {
        let gate = self.gate
        let logger = self.logger
        let peer = VerifiedPeer()
        let verify: NIOSSLCustomVerificationCallback = { certificates, promise in
            guard let member = gate.admit(presented: certificates, logger: logger, refusal: "gossip: peer refused") else {
                return promise.succeed(.failed)
            }
            peer.admitted(member)
            promise.succeed(.certificateVerified)
        }
        let sync = channel.pipeline.syncOperations
        if expected == nil {
            try sync.addHandler(NIOSSLServerHandler(context: serverContext, customVerificationCallback: verify))
            // Behind the TLS handler, to see its handshake end; a connection over the address's
            // or the unverified share is closed here, before the channel reads a byte.
            let admission = ConnectionAdmissionHandler(budget: budget, share: .unverified, listener: "gossip")
            try sync.addHandler(admission)
            guard admission.admitted else { return }
        } else {
            try sync.addHandler(NIOSSLClientHandler(context: clientContext, serverHostname: nil, customVerificationCallback: verify))
        }
        try sync.addHandler(ByteToMessageHandler(GossipFrameDecoder(maxMessageBytes: maxMessageBytes)))
        try sync.addHandler(GossipConnectionHandler(verified: peer, expected: expected, events: connectionEvents, greeting: greeting, handshakeTimeout: handshakeTimeout, logger: logger))
    }
}
