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

    typealias Connection = (channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, handshake: EventLoopFuture<Void>, peer: VerifiedPeer)

    let node: GossipNode
    let configuration: Configuration
    let gate: MemberGateBox
    let logger: Logger
    let maxMessageBytes: Int
    let serverContext: NIOSSLContext
    let clientContext: NIOSSLContext
    let onRunning: @Sendable (Int) async -> Void
    let handshakeTimeout = TimeAmount.seconds(10)

    public init(
        node: GossipNode, configuration: Configuration, gate: MemberGateBox, maxMessageBytes: Int, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws {
        self.node = node
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
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel, server: true) }
            }
        let port = server.channel.localAddress?.port ?? configuration.port
        await node.listening(on: advertised(port: port))
        await onRunning(port)
        await withDiscardingTaskGroup { tasks in
            tasks.addTask {
                await withDiscardingTaskGroup { connections in
                    do {
                        try await server.executeThenClose { inbound in
                            for try await connection in inbound {
                                connections.addTask { await self.run(connection, expecting: nil) }
                            }
                        }
                    } catch {
                        logger.notice("gossip: the listener stopped", metadata: ["error": "\(type(of: error))"])
                    }
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
                    await node.tick()
                    try? await Task.sleep(for: configuration.tickEvery)
                }
            }
            // On graceful shutdown (or cancellation) everything above ends: the listener and the
            // connections close, the dial stream finishes, the timer stops.
            try? await gracefulShutdown()
            await node.shutdown()
            try? await server.channel.close()
            tasks.cancelAll()
        }
    }

    /// `host:port` as peers should dial it: `advertise` when set, else the listening host when it
    /// is a specific address, else empty (listening on every address, the node cannot know which
    /// one peers reach; it then only dials out and answers those who know it from configuration).
    private func advertised(port: Int) -> String {
        if let a = configuration.advertise, !a.isEmpty { return a }
        let host = configuration.host
        if ["0.0.0.0", "::", ""].contains(host) { return "" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private func dial(_ peer: PeerInfo) async {
        await connect(peer)
        await node.dialEnded(peer.id)
    }

    private func connect(_ peer: PeerInfo) async {
        guard let colon = peer.address.lastIndex(of: ":"), let port = Int(peer.address[peer.address.index(after: colon)...]) else { return }
        let host = String(peer.address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            let connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(configuration.connectTimeout)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture { try self.configure(channel, server: false) }
                }
            await run(connection, expecting: peer.id)
        } catch {
            let name = await node.name(of: peer.id)
            logger.info("gossip: cannot connect", metadata: ["peer": "\(name)", "error": "\(type(of: error))"])
        }
    }

    /// TLS with the gate as the verifier, a handshake observer, then the frame decoder.
    private func configure(_ channel: any Channel, server: Bool) throws -> Connection {
        let gate = self.gate
        let logger = self.logger
        let peer = VerifiedPeer()
        let verify: NIOSSLCustomVerificationCallback = { certificates, promise in
            guard let leaf = certificates.first, let der = try? leaf.toDERBytes() else { return promise.succeed(.failed) }
            do throws(MembershipError) {
                peer.admitted(try gate.admit(der: der, at: Date()))
                promise.succeed(.certificateVerified)
            } catch {
                logger.notice("gossip: peer refused", metadata: ["reason": "\(error.message.en)"])
                promise.succeed(.failed)
            }
        }
        let sync = channel.pipeline.syncOperations
        if server {
            try sync.addHandler(NIOSSLServerHandler(context: serverContext, customVerificationCallback: verify))
        } else {
            try sync.addHandler(NIOSSLClientHandler(context: clientContext, serverHostname: nil, customVerificationCallback: verify))
        }
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        do {
            try sync.addHandler(TLSHandshakeObserver(done: handshake))
            // A peer that opens a connection and never finishes the handshake is dropped.
            let timeout = channel.eventLoop.scheduleTask(in: handshakeTimeout) { channel.close(promise: nil) }
            handshake.futureResult.whenComplete { _ in timeout.cancel() }
            try sync.addHandler(ByteToMessageHandler(GossipFrameDecoder(maxMessageBytes: maxMessageBytes)))
            return (try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel), handshake.futureResult, peer)
        } catch {
            handshake.fail(error)
            throw error
        }
    }

    /// One connection, after the handshake: the peer is the node its certificate names (for a
    /// dial, it must be the node dialled). Frames in go to the node; its outbox goes out.
    private func run(_ connection: Connection, expecting expected: NodeID?) async {
        let channel = connection.channel
        let peer: NodeID
        do {
            try await connection.handshake.get()
            // The gate admitted this certificate in the handshake (the handshake fails otherwise).
            guard let member = connection.peer.member else { throw ChannelError.eof }
            if let expected, member.nodeID != expected {
                logger.notice("gossip: the node at the address is another member", metadata: ["expected": "\(expected.short)", "found": "\(member.name)"])
                try? await channel.channel.close()
                return
            }
            peer = member.nodeID
        } catch {
            try? await channel.channel.close()
            return
        }
        do {
            try await channel.executeThenClose { inbound, _ in
                // The node writes to the channel itself; a peer that stops reading fills the
                // outbox's bound, and the node then closes the connection, which ends `inbound`.
                let outbox = PeerOutbox(channel: channel.channel, limit: GossipNode.outboxFrames)
                guard let link = await node.attached(peer, outbound: expected != nil, outbox: outbox) else { return }
                do {
                    for try await frame in inbound { await node.received(frame, from: peer, link: link) }
                } catch {}
                await node.detached(peer, link: link)
            }
        } catch {
            logger.info("gossip: connection ended", metadata: ["error": "\(type(of: error))"])
        }
    }
}
