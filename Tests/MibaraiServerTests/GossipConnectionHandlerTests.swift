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

    static func connection(expecting expected: NodeID? = nil) throws -> Connection {
        let events = ConnectionEvents()
        let verified = VerifiedPeer()
        let socket = ReadCounter()
        let handler = GossipConnectionHandler(
            verified: verified, expected: expected, events: events, handshakeTimeout: .seconds(10), logger: .init(label: "test"))
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
            case .attached(let peer, let link, let outbound, _): "attached:\(peer.short):\(link):\(outbound ? "out" : "in")"
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

    @Test func aClosedQueueClosesConnectionsInsteadOfAttachingThem() throws {
        let events = ConnectionEvents()
        let member = try Self.member("shop-a")
        let waiting = EmbeddedChannel()
        let late = EmbeddedChannel()
        try waiting.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        try late.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        events.push(.attached(member.nodeID, link: events.nextLink(), outbound: false, outbox: PeerOutbox(channel: waiting, limit: 4)))
        events.close()
        #expect(!waiting.isActive, "an attach still queued when the queue closes is closed")
        events.push(.attached(member.nodeID, link: events.nextLink(), outbound: false, outbox: PeerOutbox(channel: late, limit: 4)))
        #expect(!late.isActive, "an attach after the queue closed is closed")
        events.push(.dialEnded(member.nodeID))
        #expect(events.take().isEmpty)
    }

    @Test func aPushIntoAnEmptyQueueWakesTheNodeEveryTime() async throws {
        let events = ConnectionEvents()
        let peer = try Self.member("shop-a").nodeID
        var wakeUps = events.wakeUps.makeAsyncIterator()
        events.push(.dialEnded(peer))
        #expect(await wakeUps.next() != nil)
        // Pushed before the node took the first: taken together with it.
        events.push(.dialEnded(peer))
        events.push(.dialEnded(peer))
        #expect(events.take().count == 3)
        // The queue is empty again: the next push wakes the node (its wake-up is there before
        // `close` finishes the stream; a push that did not wake it would leave nil here).
        events.push(.dialEnded(peer))
        events.close()
        #expect(await wakeUps.next() != nil)
        #expect(await wakeUps.next() == nil)
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
