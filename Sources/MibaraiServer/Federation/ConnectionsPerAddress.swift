import NIOCore
import Synchronization

/// How many connections each remote address holds open on a listener, with a cap: one address
/// cannot take every file descriptor of a node by opening connections and doing nothing with
/// them (others can still connect while it holds its share).
public final class ConnectionsPerAddress: Sendable {
    public let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    public init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection from `address`; false (and not counted) when it already holds `limit`.
    func admit(_ address: String) -> Bool {
        counts.withLock { c in
            let held = c[address, default: 0]
            guard held < limit else { return false }
            c[address] = held + 1
            return true
        }
    }

    func release(_ address: String) {
        counts.withLock { c in
            let held = c[address, default: 0]
            if held <= 1 { c[address] = nil } else { c[address] = held - 1 }
        }
    }

    /// The handler that counts one connection while it lives (a new one each connection).
    func handler() -> AddressLimitHandler { AddressLimitHandler(self) }
}

/// Closes a connection at once, before its TLS handshake, when its remote address already holds
/// its share (``ConnectionsPerAddress``); releases the share when the connection ends.
final class AddressLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let limits: ConnectionsPerAddress
    private var counted: String?

    init(_ limits: ConnectionsPerAddress) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard let address = context.channel.remoteAddress?.ipAddress else { return }
        if limits.admit(address) {
            counted = address
        } else {
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let counted { limits.release(counted) }
        counted = nil
    }
}
