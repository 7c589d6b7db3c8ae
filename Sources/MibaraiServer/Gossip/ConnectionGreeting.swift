import NIOCore
import Synchronization

/// The node's `hello` as a frame, for connections to send themselves, on their event loop, the
/// moment their handshake is done (`GossipStateMachine.greeting`). A hub that accepts a thousand
/// connections a second would otherwise hand each connection's first frame from the node's
/// executor to the connection's event loop: one wake-up of that loop per connection
/// (`Benchmarks.md`, part 8).
///
/// Empty until the node knows the address it tells peers (`GossipNode.listening(on:)`); a
/// connection whose handshake ends before that leaves its `hello` to the node.
///
/// A connection the node then refuses (a second link to the same peer, a peer revoked since its
/// handshake) has had the `hello` before it is closed. It tells nothing a member may not know:
/// the versions, limits and address every member's connection is told.
final class ConnectionGreeting: Sendable {
    private let state = Mutex<ByteBuffer?>(nil)

    init() {}

    /// The frame to send, once set.
    var frame: ByteBuffer? { state.withLock { $0 } }

    func set(_ frame: ByteBuffer) {
        state.withLock { $0 = frame }
    }
}
