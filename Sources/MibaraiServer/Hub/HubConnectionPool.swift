import NIOCore
import Synchronization

/// The open connections to one hub that no request is using, so the next lookup skips the TLS
/// handshake. A connection idle for longer than ``maxIdle`` is closed instead of reused: the
/// hub closes a connection that sends nothing for `FederationServer.idleTimeout` (10 s), and a
/// request must not race that close. The hub checks the member's certificate against its
/// revocations on every request, not only in the handshake, so a kept connection gives a
/// revoked shop nothing.
final class HubConnectionPool: Sendable {
    static let maxIdle = TimeAmount.seconds(5)
    /// Connections kept idle at most (a shop's node asks with a few requests at once at most).
    static let maxKept = 8

    private let idle = Mutex<[HubConnection]>([])

    /// An idle connection still open and recently used, if any; older ones are closed.
    func take() -> HubConnection? {
        let now = NIODeadline.now()
        var stale: [HubConnection] = []
        defer { for c in stale { c.channel.close(promise: nil) } }
        return idle.withLock { list in
            while let c = list.popLast() {
                if c.channel.isActive, now - c.finished.withLock({ $0 }) < Self.maxIdle { return c }
                stale.append(c)
            }
            return nil
        }
    }

    /// Keeps a connection whose answer left it reusable; closes it when the pool is full.
    func give(_ connection: HubConnection) {
        let kept = idle.withLock { list in
            guard list.count < Self.maxKept else { return false }
            list.append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    /// Idle connections still open.
    var openCount: Int { idle.withLock { $0.filter { $0.channel.isActive }.count } }

    /// Closes every idle connection.
    func close() {
        for c in idle.withLock({ list in defer { list.removeAll() }; return list }) { c.channel.close(promise: nil) }
    }
}
