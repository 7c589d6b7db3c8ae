import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import NIOCore
import NIOEmbedded
import NIOTLS
@testable import MibaraiServer
import Testing

/// A connection's life as the node sees it through `ConnectionEvents`, on embedded channels: the TLS
/// handshake is stood in for by its completion event, with the gate's admission set beforehand.
/// (Real TLS between real processes is in MibaraiCLITests: `Gossip between real processes`.)
@Suite("Gossip connection handler")
struct GossipConnectionHandlerTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// A member certificate as the gate would admit it.
    static func member(_ name: String) throws -> MemberCertificate {
        let op = NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey)
        let ca = try FederationAuthority.create(name: "test-assoc", operatorKey: op, now: now)
        let request = try MembershipRequest.make(
            name: name, signingKey: Curve25519.Signing.PrivateKey(), sealingKey: Curve25519.KeyAgreement.PrivateKey().publicKey,
            tlsKey: P256.Signing.PrivateKey())
        return try MemberCertificate(try ca.issue(try request.verified(), role: .shop, region: "kanto", now: now))
    }

    /// Counts the reads that reach the socket.
    final class ReadCounter: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = ByteBuffer
        var reads = 0
        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    struct Connection {
        let channel: EmbeddedChannel
        let events: ConnectionEvents
        let verified: VerifiedPeer
        let socket: ReadCounter
    }

    /// `greeting`: the node's `hello` frame as `ConnectionGreeting` holds it (nil: not set yet).
    static func connection(expecting expected: NodeID? = nil, greeting hello: ByteBuffer? = nil) throws -> Connection {
        let events = ConnectionEvents()
        let verified = VerifiedPeer()
        let socket = ReadCounter()
        let greeting = ConnectionGreeting()
        if let hello { greeting.set(hello) }
        let handler = GossipConnectionHandler(
            verified: verified, expected: expected, events: events, greeting: greeting, handshakeTimeout: .seconds(10),
            logger: .init(label: "test"))
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([socket, handler])
        try channel.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        return Connection(channel: channel, events: events, verified: verified, socket: socket)
    }

    static func handshakeCompleted(_ c: Connection) {
        c.channel.pipeline.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: nil))
    }

    /// The windows of the frame events, in order (what the node gives back their places through).
    static func windows(_ events: [ConnectionEvents.Event]) -> [InboundWindow] {
        events.compactMap { event in
            if case .frame(_, _, _, let window) = event { return window } else { return nil }
        }
    }

    /// The events as `kind:peer:link[:bytes]`, to compare whole sequences.
    static func describe(_ events: [ConnectionEvents.Event]) -> [String] {
        events.map { event in
            switch event {
            case .attached(let peer, let link, let outbound, _, let greeted):
                "attached:\(peer.short):\(link):\(outbound ? "out" : "in")\(greeted ? ":greeted" : "")"
            case .frame(let frame, let peer, let link, _): "frame:\(peer.short):\(link):\(Array(frame.readableBytesView))"
            case .detached(let peer, let link): "detached:\(peer.short):\(link)"
            case .dialEnded(let peer): "dialEnded:\(peer.short)"
            }
        }
    }

    @Test func anAdmittedConnectionIsAttachedThenItsFramesGoInOrderThenItsEnd() throws {
        let c = try Self.connection()
        let member = try Self.member("shop-a")
        c.verified.admitted(member)
        // Nothing goes to the node before the handshake is done.
        #expect(c.events.take().isEmpty)
        Self.handshakeCompleted(c)
        try c.channel.writeInbound(ByteBuffer(bytes: [1, 10]))
        try c.channel.writeInbound(ByteBuffer(bytes: [2, 20, 21]))
        _ = try c.channel.finish(acceptAlreadyClosed: false)
        let p = member.nodeID.short
        #expect(Self.describe(c.events.take()) == ["attached:\(p):1:in", "frame:\(p):1:[1, 10]", "frame:\(p):1:[2, 20, 21]", "detached:\(p):1"])
    }

    @Test func theNodesHelloGoesOutFromTheConnectionOnceTheHandshakeIsDone() throws {
        let hello = ByteBuffer(bytes: GossipMessage.hello(.init(
            minVersion: 1, maxVersion: 2, maxMessageBytes: 1_048_576, maxEntriesPerMessage: 256, listenAddress: "127.0.0.1:7700")).framed())
        let c = try Self.connection(greeting: hello)
        let member = try Self.member("shop-a")
        c.verified.admitted(member)
        #expect(try c.channel.readOutbound(as: ByteBuffer.self) == nil, "nothing is sent before the handshake")
        Self.handshakeCompleted(c)
        let attached = c.events.take()
        #expect(Self.describe(attached) == ["attached:\(member.nodeID.short):1:in:greeted"])
        // What the node writes once it has the `attached`, through the connection's outbox,
        // follows the hello.
        guard case .attached(_, _, _, let outbox, _)? = attached.first else { Issue.record("not attached"); return }
        #expect(outbox.send(ByteBuffer(bytes: [0, 0, 0, 1, 9])))
        c.channel.embeddedEventLoop.run()
        #expect(try c.channel.readOutbound(as: ByteBuffer.self) == hello)
        #expect(try c.channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(bytes: [0, 0, 0, 1, 9]))
        #expect(try c.channel.readOutbound(as: ByteBuffer.self) == nil)

        // Before the node has set its greeting, the connection leaves the hello to the node.
        let early = try Self.connection()
        early.verified.admitted(member)
        Self.handshakeCompleted(early)
        #expect(try early.channel.readOutbound(as: ByteBuffer.self) == nil)
        #expect(Self.describe(early.events.take()) == ["attached:\(member.nodeID.short):1:in"])

        // A refused handshake sends nothing, and neither does a connection of a stopping node.
        let refused = try Self.connection(greeting: hello)
        Self.handshakeCompleted(refused)
        #expect(try refused.channel.readOutbound(as: ByteBuffer.self) == nil)
        let stopping = try Self.connection(greeting: hello)
        stopping.verified.admitted(member)
        stopping.events.close()
        Self.handshakeCompleted(stopping)
        #expect(try stopping.channel.readOutbound(as: ByteBuffer.self) == nil)
        #expect(!stopping.channel.isActive, "the closed queue closes it instead of attaching it")
        _ = try c.channel.finish(acceptAlreadyClosed: false)
        _ = try early.channel.finish(acceptAlreadyClosed: false)
        _ = try refused.channel.finish(acceptAlreadyClosed: true)
        _ = try stopping.channel.finish(acceptAlreadyClosed: true)
    }

    @Test func aDialledConnectionWhoseCertificateNamesAnotherMemberIsClosedUnattached() throws {
        let dialled = try Self.member("shop-a")
        let c = try Self.connection(expecting: dialled.nodeID)
        c.verified.admitted(try Self.member("shop-b"))
        Self.handshakeCompleted(c)
        #expect(!c.channel.isActive)
        #expect(c.events.take().isEmpty)

        // The member dialled is attached as an outgoing connection.
        let d = try Self.connection(expecting: dialled.nodeID)
        d.verified.admitted(dialled)
        Self.handshakeCompleted(d)
        #expect(d.channel.isActive)
        #expect(Self.describe(d.events.take()) == ["attached:\(dialled.nodeID.short):1:out"])
        _ = try d.channel.finish(acceptAlreadyClosed: false)
    }

    @Test func aHandshakeThatDoesNotFinishInTimeIsClosed() throws {
        let c = try Self.connection()
        c.channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(c.channel.isActive)
        c.channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!c.channel.isActive)
        #expect(c.events.take().isEmpty)
    }

    @Test func aHandshakeDoneInTimeIsNotClosedByTheTimeout() throws {
        let c = try Self.connection()
        c.verified.admitted(try Self.member("shop-a"))
        Self.handshakeCompleted(c)
        c.channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        #expect(c.channel.isActive)
        _ = try c.channel.finish(acceptAlreadyClosed: false)
    }

    @Test func theConnectionStopsReadingWhileTheNodeHasAFullWindowOfItsFrames() throws {
        let c = try Self.connection()
        c.verified.admitted(try Self.member("shop-a"))
        Self.handshakeCompleted(c)
        c.channel.read()
        #expect(c.socket.reads == 1)
        for n in 0..<InboundWindow.standardLimit { try c.channel.writeInbound(ByteBuffer(bytes: [UInt8(n)])) }
        c.channel.read()
        #expect(c.socket.reads == 1, "a full window holds the socket's reads")
        let windows = Self.windows(c.events.take())
        #expect(windows.count == InboundWindow.standardLimit)
        // The node taking one frame frees a place: the connection reads again by itself.
        windows[0].taken()
        c.channel.embeddedEventLoop.run()
        #expect(c.socket.reads == 2)
        for w in windows.dropFirst() { w.taken() }
        c.channel.read()
        #expect(c.socket.reads == 3)
        _ = try c.channel.finish(acceptAlreadyClosed: false)
    }

    @Test func aHandshakeWithoutAnAdmittedCertificateIsClosedUnattached() throws {
        let c = try Self.connection()
        Self.handshakeCompleted(c)
        #expect(!c.channel.isActive)
        #expect(c.events.take().isEmpty)
    }

    @Test func framesBeforeTheHandshakeAreDroppedAndAnErrorClosesTheConnection() throws {
        let c = try Self.connection()
        let member = try Self.member("shop-a")
        c.verified.admitted(member)
        try c.channel.writeInbound(ByteBuffer(bytes: [1, 10]))
        Self.handshakeCompleted(c)
        c.channel.pipeline.fireErrorCaught(ChannelError.outputClosed)
        #expect(!c.channel.isActive)
        let p = member.nodeID.short
        #expect(Self.describe(c.events.take()) == ["attached:\(p):1:in", "detached:\(p):1"])
    }

    @Test func framesPastTheWindowAskForExactlyOneReadWhenTheNodeFreesAPlace() throws {
        let c = try Self.connection()
        c.verified.admitted(try Self.member("shop-a"))
        Self.handshakeCompleted(c)
        // Reads under way when the window filled still bring their frames: 11 for a window of 8.
        let count = InboundWindow.standardLimit + 3
        for n in 0..<count { try c.channel.writeInbound(ByteBuffer(bytes: [UInt8(n)])) }
        let windows = Self.windows(c.events.take())
        #expect(windows.count == count)
        var readsAfter: [Int] = []
        for w in windows {
            w.taken()
            c.channel.embeddedEventLoop.run()
            readsAfter.append(c.socket.reads)
        }
        // Only the frame that brought the count from 8 to 7 asked for a read.
        #expect(readsAfter == [0, 0, 0] + Array(repeating: 1, count: count - 3))
        _ = try c.channel.finish(acceptAlreadyClosed: false)
    }
}
