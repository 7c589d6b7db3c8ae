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

    @Test func aRefusedSecondConnectionsFramesAndEndLeaveTheLiveLinkAlone() async throws {
        let node = try node()
        // A peer with the lower id: of two connections dialled at once, both keep the one it dialled.
        var peer: NodeID
        repeat { peer = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey) } while !(peer < node.me)
        let live = try await Self.connected()
        await node.handle([.attached(peer, link: 1, outbound: false, outbox: PeerOutbox(channel: live, limit: 8))])
        #expect(await node.connectedPeers == [peer])
        let hello = try #require(try await live.waitForOutboundWrite(as: ByteBuffer.self))
        #expect(hello.getInteger(at: 4, as: UInt8.self) == GossipMessage.Code.hello.rawValue)

        // This node's own dial reaches the peer too: refused, and what it brings is not the live link's.
        let second = try await Self.connected()
        await node.handle([
            .attached(peer, link: 2, outbound: true, outbox: PeerOutbox(channel: second, limit: 8)),
            .frame(ByteBuffer(bytes: [0xFF, 0xFF]), from: peer, link: 2, window: InboundWindow(channel: second)),
            .detached(peer, link: 2),
        ])
        try await second.closeFuture.get()
        #expect(await node.connectedPeers == [peer])
        #expect(live.isActive)
        #expect(try await live.readOutbound(as: ByteBuffer.self) == nil, "nothing answered the refused link's frame")

        await node.handle([.detached(peer, link: 1)])
        #expect(await node.connectedPeers.isEmpty)
        try await live.closeFuture.get()
        await node.shutdown()
    }
}
