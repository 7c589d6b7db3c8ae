import FuzzSupport
import MibaraiCore

// One log entry as gossip, a join bundle's operator log or `mibarai node operator-log` carries
// it: `LogEntry(decoding:limits:)`, then its body under its kind (`LogBody.decode`).
// Properties: no crash, no trap, no hang; and a body that decodes encodes to exactly the bytes
// it came from (`LogBody.encoded()`), so one body has one encoding and its signature covers it.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func logEntryFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let entry = try? LogEntry(decoding: bytes) else { return 0 }
    FuzzCheck.expect(entry.encoded == bytes, "entry keeps other bytes than it was decoded from")
    guard let body = try? entry.decodedBody() else { return 0 }
    FuzzCheck.expect(body.kind == entry.kind, "body of another kind")
    FuzzCheck.expect(body.encoded() == entry.body, "\(entry.kind) body re-encodes differently")
    return 0
}

/// Runs libFuzzer on ``logEntryFuzz``.
@main
enum Main {
    static func main() { FuzzDriver.run(logEntryFuzz) }
}
