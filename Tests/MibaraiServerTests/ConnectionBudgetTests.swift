import Logging
import NIOCore
import NIOEmbedded
import NIOTLS
@testable import MibaraiServer
import Synchronization
import Testing

/// The node's connection budget: its shares, the move of a verified connection to the members'
/// share, the eviction of the stranger that waited longest, and the handler that applies it.
@Suite("Connection budget")
struct ConnectionBudgetTests {
    /// A clock the test moves.
    final class Clock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(_ d: Duration) { instant.withLock { $0 += d } }
    }

    /// Counts the closes asked of the connections the budget holds.
    final class Closes: Sendable {
        private let ids = Mutex<[Int]>([])
        var closed: [Int] { ids.withLock { $0 } }
        func closer(_ id: Int) -> @Sendable () -> Void { { self.ids.withLock { $0.append(id) } } }
    }

    static let nothing: @Sendable () -> Void = {}
    static let quiet: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    static func budget(api: Int = 2, members: Int = 2, unverified: Int = 3, perAddress: Int = 8, clock: Clock = Clock()) -> ConnectionBudget {
        ConnectionBudget(shares: .init(api: api, members: members, unverified: unverified, perAddress: perAddress),
                         logger: quiet, now: { clock.now })
    }

    @Test func eachShareAdmitsUpToItsSizeAndAFreedSlotIsTakenAgain() throws {
        let budget = Self.budget()
        let closes = Closes()
        let api = (0..<2).map { budget.admit(.api, listener: "api", close: closes.closer($0)) }
        #expect(api.allSatisfy { $0 != nil })
        #expect(budget.admit(.api, listener: "api", close: closes.closer(9)) == nil)
        let strangers = (0..<3).map { budget.admit(.unverified, listener: "gossip", close: closes.closer(10 + $0)) }
        #expect(strangers.allSatisfy { $0 != nil })
        // The unverified share is full and its oldest is too young to give way: refused.
        #expect(budget.admit(.unverified, listener: "gossip", close: closes.closer(19)) == nil)
        #expect(budget.held(.api) == 2 && budget.held(.unverified) == 3)

        budget.release(try #require(api[0]))
        #expect(budget.held(.api) == 1)
        #expect(budget.admit(.api, listener: "api", close: closes.closer(20)) != nil)
        budget.release(try #require(strangers[1]))
        #expect(budget.admit(.unverified, listener: "federation", close: closes.closer(21)) != nil)
        #expect(closes.closed.isEmpty, "nothing was evicted")
        // Releasing a ticket twice frees one slot, not two.
        budget.release(try #require(api[0]))
        #expect(budget.held(.api) == 2)
    }

    @Test func strangersFillingTheirShareLeaveTheAPIAndTheMembersTheirs() throws {
        let budget = Self.budget(api: 2, members: 2, unverified: 4)
        let closes = Closes()
        let first = try #require(budget.admit(.unverified, listener: "gossip", close: closes.closer(0)))
        for i in 1..<4 { #expect(budget.admit(.unverified, listener: "gossip", close: closes.closer(i)) != nil) }
        #expect(budget.admit(.unverified, listener: "gossip", close: closes.closer(99)) == nil)
        #expect(budget.admit(.api, listener: "api", close: closes.closer(50)) != nil)
        // A connection admitted before the share filled up verifies and moves to the members'.
        #expect(budget.verified(first, listener: "gossip"))
        #expect(budget.held(.members) == 1 && budget.held(.unverified) == 3)
    }

    @Test func theMembersShareIsCappedAndAVerifiedConnectionBeyondItIsReleased() throws {
        let budget = Self.budget(members: 2, unverified: 3)
        let tickets = try (0..<3).map { _ in try #require(budget.admit(.unverified, listener: "gossip", close: Self.nothing)) }
        #expect(budget.verified(tickets[0], listener: "gossip"))
        #expect(budget.verified(tickets[1], listener: "federation"))
        #expect(!budget.verified(tickets[2], listener: "gossip"), "the members' share is full")
        #expect(budget.held(.members) == 2 && budget.held(.unverified) == 0)
        // The refused one's ticket is gone: releasing it changes nothing.
        budget.release(tickets[2])
        #expect(budget.held(.members) == 2 && budget.held(.unverified) == 0)
        budget.release(tickets[0])
        #expect(budget.held(.members) == 1)
        // A ticket verifies once.
        #expect(!budget.verified(tickets[1], listener: "gossip"))
        #expect(budget.held(.members) == 1)
    }

    @Test func theStrangerThatWaitedLongestGivesWayOnceItHasWaitedTwoSeconds() throws {
        let clock = Clock()
        let budget = Self.budget(unverified: 2, clock: clock)
        let closes = Closes()
        let a = try #require(budget.admit(.unverified, listener: "gossip", close: closes.closer(1)))
        clock.advance(.milliseconds(500))
        let b = try #require(budget.admit(.unverified, listener: "gossip", close: closes.closer(2)))
        clock.advance(.milliseconds(1_000))
        #expect(budget.admit(.unverified, listener: "gossip", close: closes.closer(3)) == nil, "a has waited 1.5 s only")
        clock.advance(.milliseconds(500))
        let c = try #require(budget.admit(.unverified, listener: "gossip", close: closes.closer(3)))
        #expect(closes.closed == [1], "a, the oldest, is closed for c")
        #expect(budget.held(.unverified) == 2)
        // a's connection ends later: its slot is c's already.
        budget.release(a)
        #expect(budget.held(.unverified) == 2)
        // A verified connection is never evicted: b verifies, then c is the oldest waiting.
        #expect(budget.verified(b, listener: "gossip"))
        _ = try #require(budget.admit(.unverified, listener: "gossip", close: closes.closer(4)))
        #expect(budget.admit(.unverified, listener: "gossip", close: closes.closer(5)) == nil, "c has not waited 2 s")
        clock.advance(.seconds(2))
        _ = try #require(budget.admit(.unverified, listener: "gossip", close: closes.closer(5)))
        #expect(closes.closed == [1, 3])
        // An evicted ticket does not verify (its connection is closing).
        #expect(!budget.verified(c, listener: "gossip"))
        #expect(budget.held(.members) == 1 && budget.held(.unverified) == 2)
    }

    @Test func manyConnectionsComingAndGoingKeepTheCountsExact() throws {
        let clock = Clock()
        let budget = Self.budget(unverified: 100, clock: clock)
        var open: [ConnectionBudget.Ticket] = []
        for round in 0..<50 {
            for _ in 0..<100 {
                if let t = budget.admit(.unverified, listener: "gossip", close: Self.nothing) { open.append(t) }
            }
            // Half leave, a few verify; time passes so the rest may be evicted by the next round.
            for t in open.prefix(50) { budget.release(t) }
            open.removeFirst(min(50, open.count))
            if round % 5 == 0, let t = open.first { _ = budget.verified(t, listener: "gossip"); budget.release(t) }
            clock.advance(.seconds(3))
        }
        #expect(budget.held(.unverified) <= 100 && budget.held(.unverified) >= 0)
        #expect(budget.held(.members) == 0)
        for t in open { budget.release(t) }
        // Evicted tickets are not counted twice: everything is free again.
        #expect(budget.held(.unverified) == 0)
        for _ in 0..<100 { #expect(budget.admit(.unverified, listener: "gossip", close: Self.nothing) != nil) }
    }

    @Test func sharesComeFromTheFileLimit() {
        // A shop under `ulimit -n 400`: 144 connections, 48 for members (16 links + 32).
        #expect(ConnectionShares.forFileLimit(400, maxConnections: 16) == .init(api: 18, members: 48, unverified: 78))
        // A hub under systemd's LimitNOFILE=65536: the API's and the strangers' shares at their caps.
        #expect(ConnectionShares.forFileLimit(65_536, maxConnections: 512) == .init(api: 1_024, members: 544, unverified: 4_096))
        // An unlimited limit does not overflow.
        #expect(ConnectionShares.forFileLimit(Int.max, maxConnections: 512)?.unverified == 4_096)
        // The smallest limit that works, and one below it.
        let shop = ConnectionShares.requiredFileLimit(maxConnections: 16)
        #expect(shop == 352)
        #expect(ConnectionShares.forFileLimit(shop, maxConnections: 16)?.unverified == ConnectionShares.minimumUnverified)
        #expect(ConnectionShares.forFileLimit(shop - 1, maxConnections: 16) == nil)
        let hub = ConnectionShares.requiredFileLimit(maxConnections: 512)
        #expect(hub == 914)
        #expect(ConnectionShares.forFileLimit(hub, maxConnections: 512) != nil)
        #expect(ConnectionShares.forFileLimit(hub - 1, maxConnections: 512) == nil)
        // A node outside any federation accepts API connections only.
        #expect(ConnectionShares.forFileLimit(1_024, maxConnections: nil) == .init(api: 768, members: 0, unverified: 0))
    }

    @Test func refusalsAreLoggedAtMostOncePerPeriod() {
        let clock = Clock()
        let log = RefusalLog(logger: Self.quiet, every: .seconds(10), now: { clock.now })
        #expect(log.refused(listener: "gossip", reason: "unverified", share: nil) == 1)
        for _ in 0..<500 { #expect(log.refused(listener: "gossip", reason: "unverified", share: nil) == nil) }
        // Another listener or reason has its own period.
        #expect(log.refused(listener: "federation", reason: "unverified", share: nil) == 1)
        clock.advance(.seconds(10))
        #expect(log.refused(listener: "gossip", reason: "unverified", share: nil) == 501, "the line counts those only counted meanwhile")
        #expect(log.refused(listener: "gossip", reason: "unverified", share: nil) == nil)
    }

    /// An embedded connection from `address`, set up with the admission handler.
    static func connection(_ budget: ConnectionBudget, from address: String, share: ConnectionBudget.Share = .unverified) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 7444)).wait()
        // After `connect`, which sets the remote address to the one connected to.
        channel.remoteAddress = try SocketAddress(ipAddress: address, port: 40_000)
        try channel.pipeline.syncOperations.addHandler(ConnectionAdmissionHandler(budget: budget, share: share, listener: "gossip"))
        return channel
    }

    @Test func theHandlerClosesAConnectionOverItsAddressShareAndMovesAVerifiedOneToTheMembers() throws {
        let budget = Self.budget(members: 2, unverified: 3, perAddress: 2)
        let a1 = try Self.connection(budget, from: "192.0.2.1")
        let a2 = try Self.connection(budget, from: "192.0.2.1")
        #expect(a1.isActive && a2.isActive)
        let a3 = try Self.connection(budget, from: "192.0.2.1")
        #expect(!a3.isActive, "the address holds its share: closed at once")
        #expect(budget.perAddress.held("192.0.2.1") == 2 && budget.held(.unverified) == 2)

        // a1's handshake verifies a member: it leaves its address's count and the unverified share.
        a1.pipeline.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: nil))
        #expect(budget.held(.members) == 1 && budget.held(.unverified) == 1)
        #expect(budget.perAddress.held("192.0.2.1") == 1)
        let a4 = try Self.connection(budget, from: "192.0.2.1")
        #expect(a4.isActive)

        // Another address fills the share; the next stranger is refused (nobody has waited 2 s).
        let b1 = try Self.connection(budget, from: "192.0.2.2")
        #expect(b1.isActive && budget.held(.unverified) == 3)
        let b2 = try Self.connection(budget, from: "192.0.2.2")
        #expect(!b2.isActive)

        // Connections that end give their slots back.
        for c in [a1, a2, a4, b1] { _ = try c.finish() }
        #expect(budget.held(.members) == 0 && budget.held(.unverified) == 0)
        #expect(budget.perAddress.held("192.0.2.1") == 0 && budget.perAddress.held("192.0.2.2") == 0)
    }

    @Test func theAPIShareDoesNotCountAddresses() throws {
        let budget = Self.budget(api: 2, perAddress: 1)
        let c = try (0..<2).map { _ in try Self.connection(budget, from: "127.0.0.1", share: .api) }
        #expect(c.allSatisfy { $0.isActive })
        #expect(!(try Self.connection(budget, from: "127.0.0.1", share: .api)).isActive)
        #expect(budget.perAddress.held("127.0.0.1") == 0)
        for channel in c { _ = try channel.finish() }
        #expect(budget.held(.api) == 0)
    }
}
