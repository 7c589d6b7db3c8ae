import Crypto
import MibaraiCore
import NIOCore
import NIOEmbedded
@testable import MibaraiServer
import Testing

/// The queue between the connections and the node: which events wake the node, and what
/// happens to connections when it closes.
@Suite("Connection events")
struct ConnectionEventsTests {
    static func peer() -> NodeID { NodeID(publicKey: Curve25519.Signing.PrivateKey().publicKey) }

    static func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    static func attached(_ peer: NodeID, link: Int, greeted: Bool, on channel: EmbeddedChannel) -> ConnectionEvents.Event {
        .attached(peer, link: link, outbound: false, outbox: PeerOutbox(channel: channel, limit: 4), greeted: greeted)
    }

    @Test func aClosedQueueClosesConnectionsInsteadOfAttachingThem() throws {
        let events = ConnectionEvents()
        let peer = Self.peer()
        let waiting = try Self.channel()
        let late = try Self.channel()
        events.push(Self.attached(peer, link: events.nextLink(), greeted: false, on: waiting))
        events.close()
        #expect(!waiting.isActive, "an attach still queued when the queue closes is closed")
        events.push(Self.attached(peer, link: events.nextLink(), greeted: false, on: late))
        #expect(!late.isActive, "an attach after the queue closed is closed")
        events.push(.dialEnded(peer))
        #expect(events.take().isEmpty)
    }

    @Test func anEventTheNodeMustTakeWakesItOncePerTake() async throws {
        let events = ConnectionEvents()
        let peer = Self.peer()
        var wakeUps = events.wakeUps.makeAsyncIterator()
        #expect(events.push(.dialEnded(peer)))
        #expect(await wakeUps.next() != nil)
        // Pushed before the node took the first: taken together with it.
        #expect(!events.push(.dialEnded(peer)))
        #expect(!events.push(.dialEnded(peer)))
        #expect(events.take().count == 3)
        // The queue is empty again: the next push wakes the node (its wake-up is there before
        // `close` finishes the stream; a push that did not wake it would leave nil here).
        #expect(events.push(.dialEnded(peer)))
        events.close()
        #expect(await wakeUps.next() != nil)
        #expect(await wakeUps.next() == nil)
    }

    @Test func aGreetedConnectionWaitsForItsFirstFrameToWakeTheNode() throws {
        let events = ConnectionEvents()
        let peer = Self.peer()
        let channel = try Self.channel()
        let link = events.nextLink()
        #expect(!events.push(Self.attached(peer, link: link, greeted: true, on: channel)), "the node has nothing to send it yet")
        #expect(events.push(.frame(ByteBuffer(bytes: [1]), from: peer, link: link, window: InboundWindow(channel: channel))))
        let taken = events.take()
        #expect(taken.count == 2)
        guard case .attached = taken.first, case .frame = taken.last else { Issue.record("out of order: \(taken)"); return }

        // An ungreeted connection wakes the node, which sends it the hello.
        #expect(events.push(Self.attached(peer, link: events.nextLink(), greeted: false, on: channel)))
    }

    @Test func theEndOfAConnectionWaitsForTheNextWakeUpInItsPlace() throws {
        let events = ConnectionEvents()
        let peer = Self.peer()
        let channel = try Self.channel()
        let link = events.nextLink()
        #expect(!events.push(Self.attached(peer, link: link, greeted: true, on: channel)))
        #expect(events.push(.frame(ByteBuffer(bytes: [1]), from: peer, link: link, window: InboundWindow(channel: channel))))
        _ = events.take()
        #expect(!events.push(.detached(peer, link: link)), "the node only has to forget the link")
        // The same peer connects again and sends a frame: the node takes the old link's end first.
        let again = events.nextLink()
        #expect(!events.push(Self.attached(peer, link: again, greeted: true, on: channel)))
        #expect(events.push(.frame(ByteBuffer(bytes: [2]), from: peer, link: again, window: InboundWindow(channel: channel))))
        let kinds = events.take().map { event -> String in
            switch event {
            case .attached(_, let l, _, _, _): "attached:\(l)"
            case .frame(_, _, let l, _): "frame:\(l)"
            case .detached(_, let l): "detached:\(l)"
            case .dialEnded: "dialEnded"
            }
        }
        #expect(kinds == ["detached:\(link)", "attached:\(again)", "frame:\(again)"])
    }

    @Test func waitingEventsWakeTheNodeAtTheLimit() throws {
        let events = ConnectionEvents()
        let peer = Self.peer()
        let channel = try Self.channel()
        var woke: [Int] = []
        for n in 1...ConnectionEvents.waitingLimit + 1 {
            if events.push(Self.attached(peer, link: events.nextLink(), greeted: true, on: channel)) { woke.append(n) }
        }
        #expect(woke == [ConnectionEvents.waitingLimit], "one wake-up at the limit, none while it is on its way")
        #expect(events.take().count == ConnectionEvents.waitingLimit + 1)
        #expect(!events.push(.detached(peer, link: 1)), "the count starts again after a take")
    }
}
