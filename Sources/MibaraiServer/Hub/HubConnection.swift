import NIOCore
import NIOHTTP1
import Synchronization

/// One open HTTP/1.1 connection to a hub (TLS already in its pipeline), asked one request at a
/// time. The answer is collected on the channel's event loop by ``Collector``.
final class HubConnection: Sendable {
    struct Answer: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    enum Failure: Error {
        case timedOut, tooLarge
        /// The connection closed before any byte of the answer: the hub never answered the request.
        case closedBeforeAnswer
        /// The connection closed in the middle of the answer.
        case closedEarly
    }

    let channel: any Channel
    private let collector: Collector

    /// When the connection was opened (for the pool's age limit) and last sent a request (for its
    /// idle limit: the hub's idle timer runs from the last request it read).
    let opened: NIODeadline
    let lastSent: Mutex<NIODeadline>

    init(channel: any Channel, collector: Collector) {
        self.channel = channel
        self.collector = collector
        opened = .now()
        lastSent = Mutex(.now())
    }

    /// Sends the request and waits for its whole answer, at most `timeout` (then, or when the
    /// task is cancelled, the connection is closed). Throws ``Failure/closedBeforeAnswer`` when
    /// the connection closes before any byte of the answer, the only failure after which the
    /// request may be sent again elsewhere.
    func exchange(_ head: HTTPRequestHead, _ body: [UInt8], timeout: TimeAmount) async throws -> (Answer, reusable: Bool) {
        let answer = try await withTaskCancellationHandler {
            try await send(head, body, timeout: timeout).get()
        } onCancel: { [channel] in
            channel.close(promise: nil)
        }
        return (answer, reusable(after: answer))
    }

    /// Writes the request on the channel's event loop and returns its answer to come (see
    /// ``exchange(_:_:timeout:)``). Callable from any thread, the event loop included: a new
    /// connection's first request is written from its connect, with no task in between, so a
    /// busy task pool cannot hold it past the hub's idle limit.
    func send(_ head: HTTPRequestHead, _ body: [UInt8], timeout: TimeAmount) -> EventLoopFuture<Answer> {
        let loop = channel.eventLoop
        let promise = loop.makePromise(of: Answer.self)
        let collector = self.collector, channel = self.channel
        lastSent.withLock { $0 = .now() }
        loop.execute {
            collector.expect(promise)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if !body.isEmpty { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
        let deadline = loop.scheduleTask(in: timeout) {
            promise.fail(Failure.timedOut)
            channel.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in deadline.cancel() }
        return promise.futureResult
    }

    /// Whether the connection may carry another request after this answer.
    func reusable(after answer: Answer) -> Bool {
        let closing = answer.headers[canonicalForm: "connection"].contains { $0.lowercased() == "close" }
        return !closing && channel.isActive
    }

    /// Reads one answer at a time into the promise the next request set. Its state is read and
    /// written on the channel's event loop only (NIO calls the handler there; ``expect(_:)`` is
    /// called there by ``exchange(_:_:timeout:)`` and checks it), hence `@unchecked Sendable`.
    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPClientResponsePart

        let maxBytes: Int
        private var pending: EventLoopPromise<Answer>?
        private var answer: Answer?
        private var body = ByteBuffer()
        private var closed = false
        /// Whether any part of the current request's answer came.
        private var answering = false
        /// The error that closed the connection (a refused TLS handshake), for a request made after.
        private var closedBy: (any Error)?

        init(maxBytes: Int) { self.maxBytes = maxBytes }

        func expect(_ promise: EventLoopPromise<Answer>) {
            promise.futureResult.eventLoop.preconditionInEventLoop()
            guard !closed else { return promise.fail(closedBy ?? Failure.closedBeforeAnswer) }
            pending = promise
            answer = nil
            answering = false
            body.clear()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                answering = true
                answer = Answer(status: h.status, headers: h.headers, body: [])
            case .body(var b):
                guard body.readableBytes + b.readableBytes <= maxBytes else {
                    fail(Failure.tooLarge)
                    context.close(promise: nil)
                    return
                }
                body.writeBuffer(&b)
            case .end:
                guard var a = answer else { return fail(Failure.closedEarly) }
                a.body = Array(buffer: body)
                body.clear()
                answer = nil
                let p = pending
                pending = nil
                p?.succeed(a)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            closed = true
            fail(answering ? Failure.closedEarly : Failure.closedBeforeAnswer)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if closedBy == nil { closedBy = error }
            fail(error)
            context.close(promise: nil)
        }

        private func fail(_ error: any Error) {
            let p = pending
            pending = nil
            p?.fail(error)
        }
    }
}
