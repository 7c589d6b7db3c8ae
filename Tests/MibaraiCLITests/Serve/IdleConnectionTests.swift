import Foundation
import MibaraiTestSupport
import Testing

/// A connection that sends nothing is closed by the node after its idle timeout, and meanwhile
/// the node goes on serving others: no one holds its file descriptors by doing nothing.
@Suite("Idle connections")
struct IdleConnectionTests {
    let dir = TemporaryDirectory("mibarai-idle")

    /// A TCP connection to 127.0.0.1:`port` that sends nothing; returns the seconds until the
    /// server closed it (recv gives 0), or nil if it was still open after `limit` seconds.
    static func secondsUntilClosed(port: Int, limit: Int) -> Double? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var timeout = timeval(tv_sec: limit, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, 0)
        return n == 0 ? Date().timeIntervalSince(start) : nil
    }

    @Test func anIdleAPIConnectionIsClosedWhileOthersAreServed() async throws {
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let token = try String(contentsOf: URL(fileURLWithPath: node).appendingPathComponent("api-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(["--data-dir", node, "--no-federation"])
        let port = server.port
        async let idle = Task.detached { Self.secondsUntilClosed(port: port, limit: 60) }.value
        // While the idle connection is held, the API answers.
        let answer = try HTTPTestClient.request("POST", port: port, path: "/v1/screen",
                                                headers: ["Authorization": "Bearer \(token)"],
                                                body: Data(#"{"billing": {"phone": "080-2468-1357"}}"#.utf8))
        #expect(answer.status == 200)
        let closedAfter = await idle
        #expect(closedAfter != nil, "an idle connection was still open after 60 s")
        #expect((closedAfter ?? 0) >= 20, "closed after \(closedAfter ?? 0) s: before the idle timeout")
        #expect(server.stop() == 0)
    }
}
