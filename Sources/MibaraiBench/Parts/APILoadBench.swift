import Foundation
import Logging
import MibaraiCore
import MibaraiNode
import MibaraiServer
import MibaraiStore
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Part 5: latency of `POST /v1/screen` under `concurrency` keep-alive connections, against the
/// real server (ScreeningServer, in this process, on a loopback port) and the same SQLite file.
/// Baseline: the same requests without the bearer token (401 from the auth middleware): the
/// cost of the HTTP stack alone, measured with the same connections.
struct APILoadBench {
    struct Result {
        var requests = 0
        var seconds = 0.0
        var latencies = Latencies([])
        var baselineSeconds = 0.0
        var baseline = Latencies([])
        var statuses: [Int: Int] = [:]
    }

    let options: BenchOptions
    let synthetic: SyntheticIdentities
    let keyring: Keyring

    func bodies(count: Int) -> [ByteBuffer] {
        var r = SplitMix64(seed: synthetic.seed, stream: 31, index: 0)
        return (0..<count).map { j in
            let person = r.chance(0.1) ? r.below(options.records) : options.records + 90_000_000 + j
            let id = synthetic.raw(person)
            struct Body: Encodable { var reference: String; var payment: String; var billing: Identity; var items: [OrderItem] }
            let body = Body(reference: "API-\(j)", payment: j % 3 == 0 ? "NP後払い" : "card", billing: id,
                            items: [OrderItem(sku: "SKU-\(j % 300)", quantity: 1 + j % 3, unitPriceYen: 1_000 + j % 20_000)])
            return ByteBuffer(bytes: try! JSONEncoder().encode(body))
        }
    }

    func run(db: AppDatabase, log: @escaping @Sendable (String) -> Void) async throws -> Result {
        let token = "bench-token-0123456789abcdef"
        let screener = try OrderScreener(database: db, normalizer: try Normalizer.bundled(), keyring: keyring, policy: ScreeningPolicy(),
                                         velocityKey: Array(repeating: 0x33, count: 32), now: 1_795_000_000)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let portBox = PortBox()
        let app = try ScreeningServer.application(
            screener: screener, configuration: .init(host: "127.0.0.1", port: 0, token: token),
            now: { 1_795_000_000 }, logger: logger, onRunning: { portBox.set($0) }
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let bodies = bodies(count: 2_000)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while portBox.port == 0 { try await Task.sleep(for: .milliseconds(20)) }
            let port = portBox.port
            log("part 5: server on 127.0.0.1:\(port); \(options.apiRequests) requests over \(options.concurrency) connections")
            let client = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            var result = Result()
            // Warm-up, then the baseline (no token), then the measured run.
            _ = try await load(port: port, token: token, bodies: bodies, requests: options.concurrency * 5, on: client)
            let base = try await load(port: port, token: nil, bodies: bodies, requests: options.apiRequests, on: client)
            result.baselineSeconds = base.seconds
            result.baseline = Latencies(base.samples)
            log(String(format: "part 5: baseline (401) p50 %.2f ms p99 %.2f ms", result.baseline.percentile(0.5) / 1e6, result.baseline.percentile(0.99) / 1e6))
            let run = try await load(port: port, token: token, bodies: bodies, requests: options.apiRequests, on: client)
            result.requests = options.apiRequests
            result.seconds = run.seconds
            result.latencies = Latencies(run.samples)
            result.statuses = run.statuses
            log(String(format: "part 5: screening p50 %.2f ms p99 %.2f ms, %.0f requests/s",
                       result.latencies.percentile(0.5) / 1e6, result.latencies.percentile(0.99) / 1e6, Double(result.requests) / result.seconds))
            try await client.shutdownGracefully()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    /// `requests` requests spread over `options.concurrency` keep-alive connections.
    func load(port: Int, token: String?, bodies: [ByteBuffer], requests: Int, on elg: any EventLoopGroup) async throws
        -> (seconds: Double, samples: [Double], statuses: [Int: Int]) {
        let conns = options.concurrency
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await withThrowingTaskGroup(of: ([Double], [Int: Int]).self) { tasks in
            for c in 0..<conns {
                let share = requests / conns + (c < requests % conns ? 1 : 0)
                tasks.addTask {
                    let handler = ResponseHandler()
                    let channel = try await ClientBootstrap(group: elg)
                        .channelOption(.socketOption(.so_reuseaddr), value: 1)
                        .channelInitializer { ch in
                            ch.eventLoop.makeCompletedFuture {
                                try ch.pipeline.syncOperations.addHTTPClientHandlers()
                                try ch.pipeline.syncOperations.addHandler(handler)
                            }
                        }
                        .connect(host: "127.0.0.1", port: port).get()
                    var samples: [Double] = []
                    samples.reserveCapacity(share)
                    var statuses: [Int: Int] = [:]
                    for k in 0..<share {
                        let body = bodies[(c * 7919 + k) % bodies.count]
                        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/screen")
                        head.headers.add(name: "Host", value: "127.0.0.1")
                        head.headers.add(name: "Content-Type", value: "application/json")
                        head.headers.add(name: "Content-Length", value: String(body.readableBytes))
                        if let token { head.headers.add(name: "Authorization", value: "Bearer \(token)") }
                        let request = head
                        let t0 = clock.now
                        let promise = channel.eventLoop.makePromise(of: Int.self)
                        channel.eventLoop.execute {
                            handler.pending = promise
                            channel.write(HTTPClientRequestPart.head(request), promise: nil)
                            channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil)
                            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
                        }
                        let status = try await promise.futureResult.get()
                        samples.append(Stopwatch.nanoseconds(clock.now - t0))
                        statuses[status, default: 0] += 1
                    }
                    try await channel.close()
                    return (samples, statuses)
                }
            }
            var all: [Double] = []
            var statuses: [Int: Int] = [:]
            for try await (s, st) in tasks {
                all += s
                statuses.merge(st, uniquingKeysWith: +)
            }
            return (all, statuses)
        }
        return (Stopwatch.seconds(clock.now - start), outcome.0, outcome.1)
    }
}

/// Completes the pending promise with the status of each response, on the channel's event loop.
final class ResponseHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    var pending: EventLoopPromise<Int>?
    private var status = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): status = Int(h.status.code)
        case .body: break
        case .end:
            let p = pending
            pending = nil
            p?.succeed(status)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        pending?.fail(error)
        pending = nil
        context.close(promise: nil)
    }
}

/// The bound port, set from the server's onRunning callback.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var port: Int { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ p: Int) { lock.lock(); value = p; lock.unlock() }
}
