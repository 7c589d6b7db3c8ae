import MibaraiCore
import NIOCore

/// Splits the gossip byte stream into frames (`Protocol/federation.md`, "Messages"):
/// `length u32 || code u8 || payload`. Passes on `code || payload`. A length of 0 or beyond
/// `maxMessageBytes` is refused unread: the decoder answers `error(too_large)` (or `malformed`)
/// and closes the connection.
struct GossipFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    let maxMessageBytes: Int
    /// Set once a length was refused: nothing after it is passed on.
    private var refused = false

    init(maxMessageBytes: Int) {
        self.maxMessageBytes = maxMessageBytes
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard !refused else {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard length >= 1, Int(length) <= maxMessageBytes else {
            refused = true
            let code: GossipErrorCode = length == 0 ? .malformed : .tooLarge
            let answer = GossipMessage.error(code, detail: 0).framed()
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(bytes: answer)), promise: nil)
            context.close(promise: nil)
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        guard buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        context.fireChannelRead(wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
