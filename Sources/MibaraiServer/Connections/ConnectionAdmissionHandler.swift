import NIOCore
import NIOTLS

/// Counts one accepted connection against the node's ``ConnectionBudget`` while it lives (a new
/// handler each connection, added when the connection is set up). A connection over its address's
/// share or its listener's share is closed in `handlerAdded`, before the channel is registered:
/// no byte is read and no TLS work is done for it.
///
/// On the gossip and federation ports (`share` `.unverified`) the handler sits behind the TLS
/// handler: its `handshakeCompleted` (which happens only once the member gate has admitted the
/// peer's certificate) moves the connection to the members' share and out of its address's count.
final class ConnectionAdmissionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    private let budget: ConnectionBudget
    private let share: ConnectionBudget.Share
    private let listener: String
    private var ticket: ConnectionBudget.Ticket?
    /// The remote address while it counts this connection (until the handshake verifies a member).
    private var address: String?

    /// `share`: `.api` for the screening API, `.unverified` for the mutual-TLS ports.
    /// `listener`: the listener's name in metrics and logs (`api`, `federation`, `gossip`).
    init(budget: ConnectionBudget, share: ConnectionBudget.Share, listener: String) {
        precondition(share != .members, "connections enter the members' share through their handshake")
        self.budget = budget
        self.share = share
        self.listener = listener
    }

    /// Whether the connection holds a slot (false once refused, or evicted after verification failed).
    var admitted: Bool { ticket != nil }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        if share == .unverified, let ip = channel.remoteAddress?.ipAddress {
            guard budget.perAddress.admit(ip) else {
                budget.refused(.address, listener: listener)
                context.close(promise: nil)
                return
            }
            address = ip
        }
        guard let ticket = budget.admit(share, listener: listener, close: { channel.close(promise: nil) }) else {
            releaseAddress()
            context.close(promise: nil)
            return
        }
        self.ticket = ticket
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if share == .unverified, let e = event as? TLSUserEvent, case .handshakeCompleted = e, let ticket {
            releaseAddress()
            guard budget.verified(ticket, listener: listener) else {
                self.ticket = nil
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        releaseAddress()
        if let ticket { budget.release(ticket) }
        ticket = nil
    }

    private func releaseAddress() {
        if let address { budget.perAddress.release(address) }
        address = nil
    }
}
