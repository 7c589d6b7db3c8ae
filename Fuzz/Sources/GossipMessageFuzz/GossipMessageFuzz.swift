import Crypto
import FuzzSupport
import MibaraiCore

// A gossip frame's code and payload as a peer sends it (`GossipMessage.decode(body:)`, after
// the server's frame decoder has cut the length prefix), with every entry's body decoded too.
// Properties: no crash, no trap, no hang; and a decoded message encodes to exactly the bytes
// it came from (`encodedBody()`), so one message has one encoding.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func gossipMessageFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let message = try? GossipMessage.decode(body: bytes) else { return 0 }
    FuzzCheck.expect(message.encodedBody() == bytes, "decoded \(message.code) re-encodes differently")
    FuzzCheck.expect((try? GossipMessage.decode(body: message.encodedBody())) == message, "re-decoded \(message.code) differs")
    switch message {
    case .delta(_, _, let entries), .entries(let entries):
        for e in entries { _ = try? e.decodedBody() }
    default:
        break
    }
    return 0
}

/// Runs libFuzzer on ``gossipMessageFuzz``. Writes seed frames when `scripts/fuzz.sh --seed` asks
/// (`SeedWriter`).
@main
enum Main {
    static func main() {
        FuzzDriver.run(gossipMessageFuzz, seeds: { try GossipSeeds.messages().map { $0.encodedBody() } })
    }
}
