import NIOCore
import Synchronization

/// The open connections to one hub that no request is using, so the next lookup skips the TLS
/// handshake. A connection is closed instead of reused when it sent nothing for ``maxIdle`` (the
/// hub closes a connection that sends nothing for `FederationServer.idleTimeout`, 10 s, and a
/// request must not race that close) or was opened more than ``maxAge`` ago: the shop admits the
/// hub's certificate in each handshake, so a hub revoked meanwhile is asked at most that long on
/// a connection it already had. The other way round, the hub checks the shop's certificate on
/// every request, so a kept connection gives a revoked shop nothing.
final class HubConnectionPool: Sendable {
    static let maxIdle = TimeAmount.seconds(5)
    static let maxAge = TimeAmount.seconds(60)
    /// Connections kept idle at most (a shop's node asks with a few requests at once at most).
    static let maxKept = 8

    private let idle = Mutex<(list: [HubConnection], closed: Bool)>(([], false))

    /// An idle connection still open and recently used, if any; older ones are closed.
    func take() -> HubConnection? {
        let now = NIODeadline.now()
        var stale: [HubConnection] = []
        defer { for c in stale { c.channel.close(promise: nil) } }
        return idle.withLock { pool in
            while let c = pool.list.popLast() {
                if c.channel.isActive, now - c.lastSent.withLock({ $0 }) < Self.maxIdle, now - c.opened < Self.maxAge { return c }
                stale.append(c)
            }
            return nil
        }
    }

    /// Keeps a connection whose answer left it reusable; closes it when the pool is full or closed.
    func give(_ connection: HubConnection) {
        let kept = idle.withLock { pool in
            guard !pool.closed, pool.list.count < Self.maxKept else { return false }
            pool.list.append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    /// Idle connections still open.
    var openCount: Int { idle.withLock { $0.list.filter { $0.channel.isActive }.count } }

    /// Closes every idle connection, and each one in use when its request ends.
    func close() {
        let list = idle.withLock { pool in
            pool.closed = true
            defer { pool.list.removeAll() }
            return pool.list
        }
        for c in list { c.channel.close(promise: nil) }
    }
}
