import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The federation listener of a real `mibarai serve` process, against curl and openssl as
/// outside clients: members get in; no certificate, another federation's, or an expired one
/// are refused during the handshake.
@Suite("Federation listener (mutual TLS)")
struct FederationListenerTests {
    let dir = TemporaryDirectory("mibarai-mtls")
    static let curl = URL(fileURLWithPath: "/usr/bin/curl")
    static let openssl = URL(fileURLWithPath: "/usr/bin/openssl")

    func mibarai(_ args: [String]) throws {
        let r = try CommandRunner.mibarai(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
    }

    /// A node `name` joined to the federation in `op`, its certificate issued with `issueArgs`.
    func member(_ name: String, operatorDir op: String, issueArgs: [String] = []) throws {
        try mibarai(["init", "--data-dir", dir.path(name), "--node-id", name])
        try mibarai(["node", "csr", "--data-dir", dir.path(name), "--output", dir.path("\(name).req")])
        try mibarai(["federation", "issue", dir.path("\(name).req"), "--operator-dir", op, "--role", "shop", "--region", "kanto",
                     "--output", dir.path("\(name).bundle")] + issueArgs)
        let joined = try CommandRunner.mibarai(["node", "join", dir.path("\(name).bundle"), "--data-dir", dir.path(name)])
        if issueArgs.isEmpty { #expect(joined.status == 0, "\(joined.stderr)") }
        if joined.status != 0 {
            // An expired bundle is refused by `node join`; install its files by hand to test the listener.
            let bundle = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("\(name).bundle")))) as! [String: Any]
            try FileManager.default.createDirectory(atPath: dir.path("\(name)/federation"), withIntermediateDirectories: true)
            try (bundle["certificate"] as! String).write(toFile: dir.path("\(name)/federation/node.pem"), atomically: true, encoding: .utf8)
        }
    }

    func curl(_ client: String?, port: Int) throws -> CommandResult {
        var args = ["-sS", "--max-time", "20", "--cacert", dir.path("shop-a/federation/root.pem"),
                    "--resolve", "shop-a:\(port):127.0.0.1", "https://shop-a:\(port)/v1/federation/hello"]
        if let client { args = ["--cert", dir.path("\(client)/federation/node.pem"), "--key", dir.path("\(client)/tls.key")] + args }
        return try CommandRunner.run(Self.curl, args)
    }

    @Test
    func membersGetInAndEveryoneElseIsRefusedInTheHandshake() throws {
        try mibarai(["federation", "init", "--operator-dir", dir.path("op"), "--name", "kanto-assoc"])
        try mibarai(["federation", "init", "--operator-dir", dir.path("other-op"), "--name", "kanto-assoc"])
        try member("shop-a", operatorDir: dir.path("op"))
        try member("shop-b", operatorDir: dir.path("op"))
        try member("shop-x", operatorDir: dir.path("other-op"))
        try member("shop-old", operatorDir: dir.path("op"), issueArgs: ["--not-before", "2025-01-01", "--days", "30"])

        let server = try ServerProcess(["--data-dir", dir.path("shop-a"), "--federation-host", "127.0.0.1", "--federation-port", "0", "--gossip-port", "0"])
        defer { server.stop() }
        var port = 0
        for _ in 0..<600 where port == 0 {
            if let m = server.stdout.firstMatch(of: /federation listener on https:\/\/127\.0\.0\.1:([0-9]+)/) { port = Int(m.1)! }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try #require(port > 0, "no federation listener line: \(server.stdout)")

        let ok = try curl("shop-b", port: port)
        #expect(ok.status == 0, "\(ok.allOutput)")
        let hello = try #require(try JSONSerialization.jsonObject(with: ok.stdoutData) as? [String: Any], "\(ok.stdout)")
        #expect((hello["node"] as? [String: Any])?["name"] as? String == "shop-a")
        #expect((hello["peer"] as? [String: Any])?["name"] as? String == "shop-b")
        #expect((hello["peer"] as? [String: Any])?["role"] as? String == "shop")
        #expect(hello["protocol_versions"] as? [Int] == [1, 2, 3, 4, 5])

        for (client, why) in [(nil, "no certificate"), ("shop-x", "another federation's CA"), ("shop-old", "expired")] as [(String?, String)] {
            let refused = try curl(client, port: port)
            #expect(refused.status != 0, "\(why): \(refused.allOutput)")
            #expect(!refused.stdout.contains("protocol_versions"), "\(why)")
        }

        // openssl s_client without a certificate: the server ends the handshake with an alert.
        let bare = try CommandRunner.run(
            Self.openssl, ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_3", "-CAfile", dir.path("shop-a/federation/root.pem")],
            stdin: Data("GET /v1/federation/hello HTTP/1.1\r\nHost: shop-a\r\n\r\n".utf8)
        )
        #expect(!bare.stdout.contains("protocol_versions"), "\(bare.allOutput)")
        #expect(!bare.stdout.contains("HTTP/1.1 200"), "\(bare.allOutput)")

        #expect(server.stop() == 0)
        #expect(server.stdout.contains("stopped"))
    }

    /// An idle TCP connection from 127.0.0.1 to `port`; its descriptor, or -1.
    static func idleConnection(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 { close(fd); return -1 }
        return fd
    }

    /// Seconds until the server closes `fd` (recv gives 0), or nil when it is still open after `limit`.
    static func secondsUntilClosed(_ fd: Int32, limit: Int) -> Double? {
        var timeout = timeval(tv_sec: limit, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0 ? Date().timeIntervalSince(start) : nil
    }

    /// One address holding its share of idle connections is refused more, before any handshake,
    /// while a member from another address is served.
    @Test
    func oneAddressCannotHoldEveryConnection() throws {
        try mibarai(["federation", "init", "--operator-dir", dir.path("op"), "--name", "kanto-assoc"])
        try member("shop-a", operatorDir: dir.path("op"))
        try member("shop-b", operatorDir: dir.path("op"))
        let server = try ServerProcess(["--data-dir", dir.path("shop-a"), "--federation-host", "0.0.0.0", "--federation-port", "0", "--gossip-port", "0"])
        defer { server.stop() }
        let port = Int(try #require(server.waitForLine(/federation listener on https:\/\/0\.0\.0\.0:([0-9]+)/), "\(server.stdout)"))!

        let share = 8  // ConnectionShares.perAddress
        let held = (0..<share).map { _ in Self.idleConnection(port: port) }
        defer { held.forEach { close($0) } }
        #expect(held.allSatisfy { $0 >= 0 })
        let extra = Self.idleConnection(port: port)
        defer { close(extra) }
        let closedAfter = Self.secondsUntilClosed(extra, limit: 8)
        #expect(closedAfter != nil && closedAfter! < 5, "the address's next connection is closed at once, not after the 10 s idle timeout: \(String(describing: closedAfter))")

        // Another address (127.0.0.2, on the loopback too) is a member and is served meanwhile.
        let other = try CommandRunner.run(Self.curl, ["-sS", "--max-time", "20", "--interface", "127.0.0.2",
                                                      "--cacert", dir.path("shop-a/federation/root.pem"),
                                                      "--cert", dir.path("shop-b/federation/node.pem"), "--key", dir.path("shop-b/tls.key"),
                                                      "--resolve", "shop-a:\(port):127.0.0.1", "https://shop-a:\(port)/v1/federation/hello"])
        #expect(other.status == 0 && other.stdout.contains("shop-b"), "\(other.stdout) \(other.stderr)")
    }
}
