#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// On a listening socket: when an accept fails for want of resources (EMFILE, ENFILE, ENOBUFS,
/// ENOMEM), stops accepting for `pause`, then accepts again. The failure is counted
/// (`onFailure`) and not passed on.
///
/// Without it the listener spins. The socket stays readable while connections wait in its backlog,
/// epoll reports it at once again (level-triggered), and NIO's channel still has its read pending
/// (it clears that only when an accept succeeds), so it accepts again without asking the pipeline.
/// NIO's own `AcceptBackoffHandler` acts on that ask (`read`), which never comes, so it does not
/// stop the loop (NIO 2.101, Linux). This handler turns the channel's `autoRead` off instead, which
/// takes the socket out of epoll until the pause is over.
///
/// The node's ``ConnectionBudget`` keeps accepted connections below the file limit; this is for
/// files taken by anything else.
final class AcceptPause: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel

    private let pause: TimeAmount
    private let onFailure: @Sendable () -> Void
    private var resume: Scheduled<Void>?

    init(pause: TimeAmount = .milliseconds(250), onFailure: @escaping @Sendable () -> Void) {
        self.pause = pause
        self.onFailure = onFailure
    }

    static func isResourceShortage(_ error: any Error) -> Bool {
        guard let io = error as? IOError else { return false }
        return [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(io.errnoCode)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard Self.isResourceShortage(error) else {
            context.fireErrorCaught(error)
            return
        }
        onFailure()
        guard resume == nil else { return }
        let channel = context.channel
        try? channel.syncOptions?.setOption(ChannelOptions.autoRead, value: false)
        resume = context.eventLoop.assumeIsolated().scheduleTask(in: pause) { [self] in
            resume = nil
            try? channel.syncOptions?.setOption(ChannelOptions.autoRead, value: true)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        resume?.cancel()
        resume = nil
    }

    /// Puts an `AcceptPause` first on `listener`'s pipeline (for a listener set up by someone
    /// else: Hummingbird's, from its `onServerRunning`).
    static func install(on listener: any Channel, onFailure: @escaping @Sendable () -> Void) async {
        try? await listener.eventLoop.submit {
            try listener.pipeline.syncOperations.addHandler(AcceptPause(onFailure: onFailure), position: .first)
        }.get()
    }
}
