import MibaraiCore
import NIOCore
import Synchronization

/// What the connections tell the node, from every event loop, in one queue. The node takes the
/// events in batches (`take`), in the order they were pushed, so a connection's frames reach it
/// in order and after its `attached`.
///
/// One queue for all connections costs one hop into the node per batch, not one task per
/// connection: a hub that accepts a thousand connections a second spends its time on their
/// handshakes, not on waking threads (`Benchmarks.md`, part 8).
final class ConnectionEvents: Sendable {
    enum Event: Sendable {
        /// A connection's handshake is done and its certificate names `peer`. `link` tells this
        /// connection's later events from those of another connection to the same peer.
        case attached(NodeID, link: Int, outbound: Bool, outbox: PeerOutbox)
        /// A frame (`code || payload`). The node gives `window` back its place once it has taken it.
        case frame(ByteBuffer, from: NodeID, link: Int, window: InboundWindow)
        case detached(NodeID, link: Int)
        /// A dial ended, with a connection or without.
        case dialEnded(NodeID)
    }

    private struct State {
        var events: [Event] = []
        var closed = false
    }

    private let state = Mutex(State())
    private let lastLink = Atomic<Int>(0)
    private let wake: AsyncStream<Void>.Continuation
    /// Yields whenever events wait (several pushes may share one wake-up); finishes on `close`.
    let wakeUps: AsyncStream<Void>

    init() {
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// True once `close` was called (the node is stopping).
    var isClosed: Bool { state.withLock { $0.closed } }

    /// A new connection's link id, unique for this queue's life.
    func nextLink() -> Int {
        lastLink.add(1, ordering: .relaxed).newValue
    }

    /// Queues `event`. Once the queue is closed a connection is closed instead of attached, and
    /// other events are dropped.
    func push(_ event: Event) {
        let first: Bool? = state.withLock { s in
            guard !s.closed else { return nil }
            s.events.append(event)
            return s.events.count == 1
        }
        switch first {
        case nil:
            if case .attached(_, _, _, let outbox) = event { outbox.close() }
        case true?:
            // The queue was empty, so the node may be waiting: wake it. Otherwise a wake-up is
            // already on its way (or the node is about to take the queue with this event in it).
            wake.yield()
        case false?:
            break
        }
    }

    /// Every event queued so far, oldest first; the queue is empty after.
    func take() -> [Event] {
        state.withLock { s in
            let events = s.events
            s.events = []
            return events
        }
    }

    /// Stops taking events: connections still waiting to be attached are closed, and `wakeUps` ends.
    func close() {
        let left = state.withLock { s in
            s.closed = true
            let events = s.events
            s.events = []
            return events
        }
        for case .attached(_, _, _, let outbox) in left { outbox.close() }
        wake.finish()
    }
}
