import Foundation
import MibaraiCore
import MibaraiServer
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Part 8: full mutual-TLS 1.3 handshakes per second against a hub's gossip port, from distinct
/// members (one connection each at a time). A connection counts once the handshake is done and the
/// server's first frame (the hub's `hello`, sent only after it has verified the client
/// certificate) has arrived; the client then closes it. Part 8b: the same, each client writing a
/// member's `hello` before it closes, which the hub's node then takes. Baseline: the same clients
/// against a NIOSSL server in this process with the hub's certificate and the default
/// verification (no member gate, no gossip node), which sends a frame of the same size.
struct HandshakeBench {
    struct Run {
        var handshakes = 0
        var failures = 0
        var seconds = 0.0
        var serverCPUSeconds = 0.0
        var rate: Double { Double(handshakes) / seconds }
        var perCPUSecond: Double { Double(handshakes) / serverCPUSeconds }

        /// The run with the median handshakes per CPU second (of an even count, the lower middle).
        static func median(_ runs: [Run]) -> Run {
            let sorted = runs.sorted { $0.perCPUSecond < $1.perCPUSecond }
            return sorted[(sorted.count - 1) / 2]
        }
    }

    /// One TLS client context per member; connection slot `i` connects as member `i`, and opens
    /// its next connection once its last has closed, so each member has one connection at a time
    /// (a node keeps one connection per peer: a second from the same member would replace the first).
    let clients: [NIOSSLContext]
    let seconds: Double

    init(members: [FederationServer.Configuration], seconds: Double) throws {
        clients = try members.map { try NIOSSLContext(configuration: FederationServer.tlsConfiguration($0, server: false)) }
        self.seconds = seconds
    }

    /// The hub's `hello` as the baseline server sends it (same bytes on the wire as a hub's).
    static let hello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 1, maxMessageBytes: 4_194_304,
                                                 maxEntriesPerMessage: 1_024, listenAddress: "127.0.0.1:65535")).framed()

    /// A member's `hello` as the client sends it with `greet` (no listen address, so the hub
    /// learns no address to dial).
    static let memberHello = GossipMessage.hello(.init(minVersion: 1, maxVersion: 2, maxMessageBytes: 4_194_304,
                                                       maxEntriesPerMessage: 1_024, listenAddress: "")).framed()

    /// Opens connections to `port`, one per member at a time, for `seconds` (or `for` seconds when
    /// given); `cpu` reads the server's CPU seconds so far. With `greet`, each connection answers
    /// the server's first frame with a member's `hello`, as a member node does, before it closes.
    func run(port: Int, for duration: Double? = nil, greet: Bool = false, cpu: () -> Double) throws -> Run {
        let seconds = duration ?? self.seconds
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let state = LoadState(deadline: NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9)))
        let clients = self.clients
        let loop = group.next()
        @Sendable func startOne(slot: Int) {
            guard state.shouldStart() else { return }
            let context = clients[slot]
            let done = loop.makePromise(of: Void.self)
            ClientBootstrap(group: loop)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
                        try channel.pipeline.syncOperations.addHandler(FirstReadHandler(done: done))
                    }
                }
                .connect(host: "127.0.0.1", port: port)
                .whenComplete { result in
                    switch result {
                    case .success(let channel):
                        done.futureResult.whenComplete { r in
                            state.finished(ok: (try? r.get()) != nil)
                            if greet, (try? r.get()) != nil {
                                channel.writeAndFlush(ByteBuffer(bytes: HandshakeBench.memberHello)).whenComplete { _ in
                                    channel.close(promise: nil)
                                }
                            } else {
                                channel.close(promise: nil)
                            }
                            // The member's next connection waits for this one to close.
                            channel.closeFuture.whenComplete { _ in startOne(slot: slot) }
                        }
                    case .failure:
                        done.fail(ChannelError.connectTimeout(.seconds(5)))
                        state.finished(ok: false)
                        startOne(slot: slot)
                    }
                }
        }
        let cpu0 = cpu()
        let sw = Stopwatch()
        for slot in clients.indices { loop.execute { startOne(slot: slot) } }
        while !state.drained { Thread.sleep(forTimeInterval: 0.01) }
        var r = Run()
        r.seconds = sw.elapsedSeconds
        r.serverCPUSeconds = cpu() - cpu0
        (r.handshakes, r.failures) = state.totals
        return r
    }

    /// The baseline server: NIOSSL with the hub's certificate and key and the default verification
    /// of client certificates against the federation root, on its own event loops (as many as
    /// the machine has cores, like the hub). Returns the port, the CPU seconds of its threads so
    /// far, and a stop function.
    static func baselineServer(_ tls: FederationServer.Configuration) throws -> (port: Int, cpu: () -> Double, stop: () -> Void) {
        var config = try FederationServer.tlsConfiguration(tls, server: true)
        config.certificateVerification = .noHostnameVerification
        let context = try NIOSSLContext(configuration: config)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let server = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(HelloOnHandshake())
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        var threads: [Int32] = []
        for loop in group.makeIterator() {
            // `/proc/thread-self` names the calling thread: `<pid>/task/<tid>`.
            let link = try loop.submit { try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self") }.wait()
            guard let tid = Int32(link.split(separator: "/").last ?? "") else { throw BenchError("cannot read /proc/thread-self") }
            threads.append(tid)
        }
        let ids = threads
        let cpu = { ids.reduce(0.0) { $0 + threadCPUSeconds($1) } }
        let stop = {
            try? server.close().wait()
            try? group.syncShutdownGracefully()
        }
        return (server.localAddress?.port ?? 0, cpu, stop)
    }

    static func threadCPUSeconds(_ tid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return .nan }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let u = Double(fields[11]), let s = Double(fields[12]) else { return .nan }
        return (u + s) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// Counts finished connections and decides whether to start another.
final class LoadState: @unchecked Sendable {
    private let lock = NSLock()
    private let deadline: NIODeadline
    private var inFlight = 0
    private var ok = 0
    private var failed = 0

    init(deadline: NIODeadline) { self.deadline = deadline }

    func shouldStart() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard NIODeadline.now() < deadline else { return false }
        inFlight += 1
        return true
    }

    func finished(ok success: Bool) {
        lock.lock(); defer { lock.unlock() }
        inFlight -= 1
        if success { ok += 1 } else { failed += 1 }
    }

    var drained: Bool { lock.lock(); defer { lock.unlock() }; return inFlight == 0 && NIODeadline.now() >= deadline }
    var totals: (Int, Int) { lock.lock(); defer { lock.unlock() }; return (ok, failed) }
}

/// Succeeds `done` on the first bytes read after the handshake; fails it on an error or close.
final class FirstReadHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let done: EventLoopPromise<Void>
    private var fired = false

    init(done: EventLoopPromise<Void>) { self.done = done }

    private func complete(_ error: (any Error)?) {
        guard !fired else { return }
        fired = true
        if let error { done.fail(error) } else { done.succeed() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { complete(nil) }
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        complete(error)
        context.close(promise: nil)
    }
    func channelInactive(context: ChannelHandlerContext) { complete(ChannelError.eof) }
}

/// Sends the hello frame once the server side of the handshake is complete.
final class HelloOnHandshake: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: HandshakeBench.hello)), promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }
}
