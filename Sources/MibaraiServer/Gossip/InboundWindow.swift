import NIOCore
import Synchronization

/// Bounds the frames one connection has handed to the node and the node has not taken yet. At
/// `limit` the connection asks its socket for no more reads (`GossipConnectionHandler.read`), so
/// a peer that sends faster than the node works waits in TCP's flow control instead of in memory.
/// The frames of reads already under way still arrive (NIO does up to `maxMessagesPerRead` socket
/// reads per readable event), so the count can pass `limit` by a few. The node's taking the frame
/// that brings the count back under `limit` starts reading again.
final class InboundWindow: Sendable {
    /// Frames waiting for the node before the connection stops reading. Frames are at most
    /// `max_message_bytes` each; a peer's answers come one exchange at a time, so a few suffice.
    static let standardLimit = 8

    private let channel: any Channel
    private let limit: Int
    private let waiting = Atomic<Int>(0)

    init(channel: any Channel, limit: Int = InboundWindow.standardLimit) {
        self.channel = channel
        self.limit = limit
    }

    /// True while the connection should not read more.
    var isFull: Bool { waiting.load(ordering: .relaxed) >= limit }

    /// A frame was handed to the node.
    func handed() {
        waiting.add(1, ordering: .relaxed)
    }

    /// The node has taken a frame. When that brings the count under the limit, the connection
    /// reads again (a read asked for while it already reads is a no-op in NIO).
    func taken() {
        if waiting.subtract(1, ordering: .relaxed).oldValue == limit {
            channel.read()
        }
    }
}
