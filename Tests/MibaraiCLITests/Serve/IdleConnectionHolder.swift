#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Idle TCP connections to a server on 127.0.0.1, each from a chosen loopback source address
/// (all of 127/8 is local on Linux), held open by a background thread as a stranger would hold
/// them: one the server closes (its handshake timeout, or to make room) is opened again, at most
/// once a second per connection.
final class IdleConnectionHolder: @unchecked Sendable {
    struct Target: Sendable {
        var source: String
        var port: Int
    }

    private struct Slot {
        var target: Target
        var fd: Int32
        var opened: Date
    }

    private let lock = NSLock()
    private var slots: [Slot]
    private var stopping = false
    private var reopenedCount = 0
    private let done = DispatchSemaphore(value: 0)
    private var running = false

    /// Opens one connection per target, at once.
    init(_ targets: [Target]) {
        slots = targets.map { Slot(target: $0, fd: Self.open(from: $0.source, to: $0.port), opened: Date()) }
    }

    /// Connections open now (from this side: the server may have closed some since the last look).
    var openCount: Int { lock.withLock { slots.filter { $0.fd >= 0 }.count } }
    /// Connections opened again after the server closed them.
    var reopened: Int { lock.withLock { reopenedCount } }

    /// Starts holding: every 100 ms, looks for connections the server closed and opens them again.
    func start() {
        lock.withLock { running = true }
        Thread.detachNewThread { [self] in
            while !lock.withLock({ stopping }) {
                var fds = lock.withLock { slots.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) } }
                _ = poll(&fds, nfds_t(fds.count), 100)
                lock.withLock {
                    for i in slots.indices {
                        if slots[i].fd >= 0, fds[i].revents != 0, Self.closedByPeer(slots[i].fd) {
                            close(slots[i].fd)
                            slots[i].fd = -1
                        }
                        if slots[i].fd < 0, Date().timeIntervalSince(slots[i].opened) >= 1 {
                            slots[i].fd = Self.open(from: slots[i].target.source, to: slots[i].target.port)
                            slots[i].opened = Date()
                            reopenedCount += 1
                        }
                    }
                }
            }
            done.signal()
        }
    }

    /// Stops holding and closes every connection.
    func stop() {
        let wasRunning = lock.withLock { () -> Bool in
            stopping = true
            defer { running = false }
            return running
        }
        if wasRunning { done.wait() }
        lock.withLock {
            for i in slots.indices where slots[i].fd >= 0 {
                close(slots[i].fd)
                slots[i].fd = -1
            }
        }
    }

    deinit { stop() }

    /// A TCP connection from `source` (port chosen by the system) to 127.0.0.1:`port`; -1 if it failed.
    static func open(from source: String, to port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0 && withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
        if !ok { close(fd); return -1 }
        return fd
    }

    /// Whether the peer has closed `fd` (a read gives end of file or a reset); does not block.
    static func closedByPeer(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Seconds until the server closes `fd`, or nil when it is still open after `limit` seconds.
    static func secondsUntilClosed(_ fd: Int32, limit: Double) -> Double? {
        let start = Date()
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while Date().timeIntervalSince(start) < limit {
            let left = Int32(max(1, (limit - Date().timeIntervalSince(start)) * 1_000))
            if poll(&p, 1, left) > 0, closedByPeer(fd) { return Date().timeIntervalSince(start) }
            if p.revents != 0, !closedByPeer(fd) { return nil }  // data, not a close: not what is measured
        }
        return nil
    }
}
