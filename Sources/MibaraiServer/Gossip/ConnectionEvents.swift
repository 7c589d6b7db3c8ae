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
///
/// Not every event wakes the node. A connection that has sent the node's `hello` itself needs
/// nothing from the node until the peer's first frame arrives, so its `attached` waits for the
/// next wake-up; so does a connection's end, which asks nothing of the node but forgetting the
/// link. A frame, a dial's end, or an `attached` the node must greet wakes the node, and so do
/// `waitingLimit` waiting events. The service also has the node take the queue before every tick
/// (`GossipService`), so no round acts on a link whose end is waiting here. Waiting changes no
/// order: the node takes every event in the order it was pushed.
final class ConnectionEvents: Sendable {
    enum Event: Sendable {
        /// A connection's handshake is done and its certificate names `peer`. `link` tells this
        /// connection's later events from those of another connection to the same peer.
        /// `greeted`: the connection has sent the node's `hello` itself (`ConnectionGreeting`).
        case attached(NodeID, link: Int, outbound: Bool, outbox: PeerOutbox, greeted: Bool)
        /// A frame (`code || payload`). The node gives `window` back its place once it has taken it.
        case frame(ByteBuffer, from: NodeID, link: Int, window: InboundWindow)
        case detached(NodeID, link: Int)
        /// A dial ended, with a connection or without.
        case dialEnded(NodeID)
    }

    /// How many waiting events wake the node even when none of them needs it now (a hub that
    /// accepts connections which send nothing, such as health checks, is woken once per this
    /// many, or at its next tick).
    static let waitingLimit = 32

    private struct State {
        var events: [Event] = []
        /// A wake-up was sent and the node has not taken the queue since.
        var woken = false
        var closed = false
    }

    private let state = Mutex(State())
    private let lastLink = Atomic<Int>(0)
    private let wake: AsyncStream<Void>.Continuation
    /// Yields when events wait that the node should take (several pushes may share one
    /// wake-up); finishes on `close`.
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

    /// Queues `event`, and wakes the node when it should take the queue now (see above). Once the
    /// queue is closed a connection is closed instead of attached, and other events are dropped.
    /// Returns true when this push woke the node (for the tests: the connections ignore it).
    @discardableResult
    func push(_ event: Event) -> Bool {
        let wakes: Bool? = state.withLock { s in
            guard !s.closed else { return nil }
            s.events.append(event)
            guard !s.woken, Self.wakes(event) || s.events.count >= Self.waitingLimit else { return false }
            s.woken = true
            return true
        }
        switch wakes {
        case nil:
            if case .attached(_, _, _, let outbox, _) = event { outbox.close() }
            return false
        case true?:
            wake.yield()
            return true
        case false?:
            return false
        }
    }

    /// Whether the node should take `event` now.
    private static func wakes(_ event: Event) -> Bool {
        switch event {
        case .attached(_, _, _, _, let greeted):
            // The node sends an ungreeted connection its `hello`.
            !greeted
        case .detached:
            false
        case .frame, .dialEnded:
            true
        }
    }

    /// Every event queued so far, oldest first; the queue is empty after.
    func take() -> [Event] {
        state.withLock { s in
            let events = s.events
            s.events = []
            s.woken = false
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
        for case .attached(_, _, _, let outbox, _) in left { outbox.close() }
        wake.finish()
    }
}
