import NIOCore
import Synchronization

/// Where the node writes one peer's frames: straight to the connection's channel (NIO carries
/// the write over to the channel's event loop, in the order the node wrote), with at most `limit`
/// frames not yet written. A peer that stops reading is closed rather than waited for.
///
/// Writing here costs no task of its own per connection: the node's frames used to go through a
/// stream drained by a second task, which doubled the hops between threads for every connection
/// a hub accepts (`Benchmarks.md`, part 8).
final class PeerOutbox: Sendable {
    private let channel: any Channel
    private let limit: Int
    private let unwritten = Atomic<Int>(0)

    init(channel: any Channel, limit: Int) {
        self.channel = channel
        self.limit = limit
    }

    /// Writes and flushes `frame`; false, writing nothing, when `limit` frames are still unwritten.
    func send(_ frame: ByteBuffer) -> Bool {
        guard unwritten.add(1, ordering: .relaxed).newValue <= limit else {
            unwritten.subtract(1, ordering: .relaxed)
            return false
        }
        channel.writeAndFlush(frame).whenComplete { [self] _ in
            unwritten.subtract(1, ordering: .relaxed)
        }
        return true
    }

    /// Closes the connection once the frames written before are handed to it.
    func close() {
        channel.close(promise: nil)
    }
}
