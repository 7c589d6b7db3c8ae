import NIOCore
import NIOEmbedded
@testable import MibaraiServer
import Testing

/// The bound on frames a peer has not taken yet, on an embedded channel whose writes stay
/// pending until the test lets them through (a peer that does not read).
@Suite("Peer outbox")
struct PeerOutboxTests {
    /// Holds every write's promise until `release`, as a socket that cannot take more would.
    final class StalledSocket: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = ByteBuffer
        var held: [(ByteBuffer, EventLoopPromise<Void>?)] = []

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            held.append((unwrapOutboundIn(data), promise))
        }

        func flush(context: ChannelHandlerContext) {}

        func release(_ count: Int) {
            for (_, promise) in held.prefix(count) { promise?.succeed(()) }
            held.removeFirst(min(count, held.count))
        }

        /// Closing fails the writes still held, as a socket's close does.
        func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
            for (_, promise) in held { promise?.fail(ChannelError.ioOnClosedChannel) }
            held = []
            context.close(mode: mode, promise: promise)
        }
    }

    @Test func framesBeyondTheBoundAreRefusedUntilThePeerTakesSome() throws {
        let socket = StalledSocket()
        let channel = EmbeddedChannel(handler: socket)
        let outbox = PeerOutbox(channel: channel, limit: 3)
        for n in 0..<3 { #expect(outbox.send(ByteBuffer(bytes: [UInt8(n)]))) }
        #expect(!outbox.send(ByteBuffer(bytes: [9])))
        // Nothing refused was written, and the frames kept their order.
        #expect(socket.held.map { Array($0.0.readableBytesView) } == [[0], [1], [2]])
        socket.release(2)
        #expect(outbox.send(ByteBuffer(bytes: [3])))
        #expect(outbox.send(ByteBuffer(bytes: [4])))
        #expect(!outbox.send(ByteBuffer(bytes: [9])))
        #expect(socket.held.map { Array($0.0.readableBytesView) } == [[2], [3], [4]])
        outbox.close()
        #expect(!channel.isActive)
        #expect(socket.held.isEmpty)
        // The failed writes freed their places: a send is taken (and fails on the closed channel).
        #expect(outbox.send(ByteBuffer(bytes: [5])))
        _ = try channel.finish(acceptAlreadyClosed: true)
    }
}
