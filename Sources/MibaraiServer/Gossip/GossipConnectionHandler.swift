import Logging
import MibaraiCore
import NIOCore
import NIOTLS

/// One gossip connection, on its event loop, behind the TLS handler and the frame decoder. Once
/// the handshake is done (the member gate admitted the peer's certificate in it), the connection
/// sends the node's `hello` (`ConnectionGreeting`) and is attached to the node through
/// `ConnectionEvents`; its frames and its end follow the same way. No task runs per connection.
///
/// A connection whose handshake has not finished after `handshakeTimeout` is closed, and so is a
/// dialled one whose certificate names another member than the one dialled.
final class GossipConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case handshaking(timeout: Scheduled<Void>?)
        case attached(peer: NodeID, window: InboundWindow)
        case closed
    }

    private let verified: VerifiedPeer
    /// The node dialled, for an outgoing connection; nil for one this node accepted.
    private let expected: NodeID?
    private let events: ConnectionEvents
    private let greeting: ConnectionGreeting
    private let link: Int
    private let handshakeTimeout: TimeAmount
    private let logger: Logger
    private var state = State.handshaking(timeout: nil)

    init(
        verified: VerifiedPeer, expected: NodeID?, events: ConnectionEvents, greeting: ConnectionGreeting,
        handshakeTimeout: TimeAmount, logger: Logger
    ) {
        self.verified = verified
        self.expected = expected
        self.events = events
        self.greeting = greeting
        self.link = events.nextLink()
        self.handshakeTimeout = handshakeTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        state = .handshaking(timeout: context.eventLoop.scheduleTask(in: handshakeTimeout) { channel.close(promise: nil) })
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? TLSUserEvent, case .handshakeCompleted = e { handshakeCompleted(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    private func handshakeCompleted(context: ChannelHandlerContext) {
        guard case .handshaking(let timeout) = state else { return }
        timeout?.cancel()
        // The gate admitted this certificate in the handshake (the handshake fails otherwise); a
        // dialled node must be the member dialled.
        guard let member = verified.member, expected == nil || member.nodeID == expected else {
            if let expected, let member = verified.member {
                logger.notice("gossip: the node at the address is another member", metadata: ["expected": "\(expected.short)", "found": "\(member.name)"])
            }
            state = .closed
            context.close(promise: nil)
            return
        }
        let window = InboundWindow(channel: context.channel)
        state = .attached(peer: member.nodeID, window: window)
        // The node's `hello` goes out from here, on this event loop, ahead of anything the node
        // writes (the node writes only once it has this connection's `attached`). A stopping
        // node sends none: its queue closes the connection instead of attaching it.
        let hello = events.isClosed ? nil : greeting.frame
        if let hello { context.writeAndFlush(wrapOutboundOut(hello), promise: nil) }
        let outbox = PeerOutbox(channel: context.channel, limit: GossipNode.outboxFrames)
        events.push(.attached(member.nodeID, link: link, outbound: expected != nil, outbox: outbox, greeted: hello != nil))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // TLS passes on no application data before the handshake is done.
        guard case .attached(let peer, let window) = state else { return }
        window.handed()
        events.push(.frame(unwrapInboundIn(data), from: peer, link: link, window: window))
    }

    /// Asks the socket for no more reads while the node has `InboundWindow.standardLimit` of this
    /// connection's frames waiting (reads already under way still arrive);
    /// `InboundWindow.taken` asks for the next read.
    func read(context: ChannelHandlerContext) {
        if case .attached(_, let window) = state, window.isFull { return }
        context.read()
    }

    func channelInactive(context: ChannelHandlerContext) {
        end()
        context.fireChannelInactive()
    }

    /// TLS and socket errors. A failed handshake is the gate's to tell (it logs a refused
    /// certificate); an error on an attached connection is logged here.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .attached = state {
            logger.info("gossip: connection ended", metadata: ["error": "\(type(of: error))"])
        }
        context.close(promise: nil)
    }

    private func end() {
        switch state {
        case .handshaking(let timeout):
            timeout?.cancel()
        case .attached(let peer, _):
            events.push(.detached(peer, link: link))
        case .closed:
            break
        }
        state = .closed
    }
}
