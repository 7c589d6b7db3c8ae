import Crypto
import Foundation
import Logging
import MibaraiCore
import MibaraiMembership
import MibaraiStore
import NIOCore
import NIOEmbedded
@testable import MibaraiServer
import MibaraiTestSupport
import Testing

/// How the gossip node takes the connections' events (`ConnectionEvents`), on a real SQLite file
/// and thread-safe test channels (the node writes from its own executor).
@Suite("Gossip node connections")
struct GossipNodeConnectionTests {
    let dir = TemporaryDirectory("mibarai-node-connections")

    func node() throws -> GossipNode {
        let op = Curve25519.Signing.PrivateKey()
        let ca = try FederationAuthority.create(name: "test-assoc", operatorKey: NodeID(publicKey: op.publicKey), now: Date())
        return try GossipNode(
            configuration: .init(name: "hub-1", gossip: GossipConfiguration(interval: .seconds(3_600))),
            operator: NodeID(publicKey: op.publicKey), signer: Curve25519.Signing.PrivateKey(), sealingKey: nil,
            database: try AppDatabase(path: dir.path("node.sqlite")), gate: MemberGateBox(MemberGate(root: ca.root)),
            logger: Logger(label: "test"))
    }

    static func connected() async throws -> NIOAsyncTestingChannel {
        let channel = NIOAsyncTestingChannel()
        try await channel.connect(to: .init(ipAddress: "127.0.0.1", port: 1))
        return channel
    }

    /// A new node id that sorts before `me`.
    static func peer(below me: NodeID) -> NodeID {
        while true {
            let id = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
            if id < me { return id }
        }
    }

    @Test func aRefusedSecondConnectionsFramesAndEndLeaveTheLiveLinkAlone() async throws {
        let node = try node()
        // A peer with the lower id: of two connections dialled at once, both keep the one it dialled.
        let peer = Self.peer(below: node.me)
        let live = try await Self.connected()
        await node.handle([.attached(peer, link: 1, outbound: false, outbox: PeerOutbox(channel: live, limit: 8), greeted: false)])
        #expect(await node.connectedPeers == [peer])
        let hello = try await live.waitForOutboundWrite(as: ByteBuffer.self)
        #expect(hello.getInteger(at: 4, as: UInt8.self) == GossipMessage.Code.hello.rawValue)

        // This node's own dial reaches the peer too: refused, and what it brings is not the live link's.
        let second = try await Self.connected()
        await node.handle([
            .attached(peer, link: 2, outbound: true, outbox: PeerOutbox(channel: second, limit: 8), greeted: false),
            .frame(ByteBuffer(bytes: [0xFF, 0xFF]), from: peer, link: 2, window: InboundWindow(channel: second)),
            .detached(peer, link: 2),
        ])
        try await second.closeFuture.get()
        #expect(await node.connectedPeers == [peer])
        #expect(live.isActive)
        #expect(try await live.readOutbound(as: ByteBuffer.self) == nil, "nothing answered the refused link's frame")

        // The connection closes (its end reaches the node after it has closed).
        try await live.close()
        await node.handle([.detached(peer, link: 1)])
        #expect(await node.connectedPeers.isEmpty)
        await node.shutdown()
    }

    @Test func aConnectionThatSentTheGreetingItselfGetsNoSecondHelloFromTheNode() async throws {
        let node = try node()
        let hello = await node.listening(on: "127.0.0.1:7700")
        guard case .hello(let h) = hello else { Issue.record("the greeting is not a hello"); return }
        #expect(h.listenAddress == "127.0.0.1:7700")
        let peer = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        let greeted = try await Self.connected()
        await node.handle([.attached(peer, link: 1, outbound: false, outbox: PeerOutbox(channel: greeted, limit: 8), greeted: true)])
        #expect(await node.connectedPeers == [peer])
        // The peer's hello: the node answers nothing (an accepted connection waits for the
        // dialler's exchange), and above all sends no hello of its own.
        let peerHello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 2, maxMessageBytes: 1_048_576, maxEntriesPerMessage: 256, listenAddress: ""))
        await node.handle([.frame(ByteBuffer(bytes: peerHello.framed().dropFirst(4)), from: peer, link: 1, window: InboundWindow(channel: greeted))])
        // Writes from the node run on the channel's event loop in order: after this, any is in.
        try await greeted.eventLoop.submit {}.get()
        #expect(try await greeted.readOutbound(as: ByteBuffer.self) == nil)

        // Without `greeted`, the node sends the same hello itself.
        let other = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        let plain = try await Self.connected()
        await node.handle([.attached(other, link: 2, outbound: false, outbox: PeerOutbox(channel: plain, limit: 8), greeted: false)])
        let sent = try await plain.waitForOutboundWrite(as: ByteBuffer.self)
        #expect(Array(sent.readableBytesView) == hello.framed())
        await node.shutdown()
    }

    @Test func aGreetedConnectionTheNodeRefusesGetsNothingFromItAndIsClosed() async throws {
        let node = try node()
        // A peer with the lower id: of two connections dialled at once, both keep the one it dialled.
        let peer = Self.peer(below: node.me)
        let live = try await Self.connected()
        await node.handle([.attached(peer, link: 1, outbound: false, outbox: PeerOutbox(channel: live, limit: 8), greeted: true)])
        let refused = try await Self.connected()
        await node.handle([.attached(peer, link: 2, outbound: true, outbox: PeerOutbox(channel: refused, limit: 8), greeted: true)])
        try await refused.closeFuture.get()
        #expect(try await refused.readOutbound(as: ByteBuffer.self) == nil)
        #expect(await node.connectedPeers == [peer])
        #expect(live.isActive)
        await node.shutdown()
    }

    @Test func waitingEventsAreTakenInOrderWhenTheServiceAsksBeforeATick() async throws {
        let node = try node()
        let queue = ConnectionEvents()
        let peer = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        let channel = try await Self.connected()
        // A window of one frame: full while the hello waits, free again once the node has it.
        let window = InboundWindow(channel: channel, limit: 1)
        let hello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 2, maxMessageBytes: 1_048_576, maxEntriesPerMessage: 256, listenAddress: ""))
        queue.push(.attached(peer, link: 1, outbound: false, outbox: PeerOutbox(channel: channel, limit: 8), greeted: true))
        window.handed()
        #expect(window.isFull)
        queue.push(.frame(ByteBuffer(bytes: hello.framed().dropFirst(4)), from: peer, link: 1, window: window))
        await node.take(from: queue)
        #expect(await node.connectedPeers == [peer])
        #expect(!window.isFull, "the frame's place is given back")

        // The connection ends: nothing wakes the node, and the tick's take is what removes the link.
        try await channel.close()
        #expect(!queue.push(.detached(peer, link: 1)))
        #expect(await node.connectedPeers == [peer])
        await node.take(from: queue)
        #expect(await node.connectedPeers.isEmpty)
        await node.shutdown()
    }
}
