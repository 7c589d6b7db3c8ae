import FuzzSupport
import MibaraiCore

// A sealed message's plaintext as its recipient opens it (another member wrote it):
// `ContactMessage(paddedPlaintext:)`. Properties: no crash, no trap, no hang; a plaintext that
// decodes encodes back to exactly its bytes (one encoding, padding included) and holds no
// control character a screen would act on.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func contactMessageFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let message = try? ContactMessage(paddedPlaintext: bytes) else { return 0 }
    FuzzCheck.expect((try? message.paddedPlaintext()) == bytes, "a plaintext re-encodes differently")
    let texts: [String] = switch message {
    case .request(let r): [r.shop, r.contact, r.text]
    case .answer(let a): [a.shop, a.contact, a.text]
    }
    for (i, t) in texts.enumerated() {
        FuzzCheck.expect(!t.unicodeScalars.contains { ContactMessage.isControl($0, lineFeedAllowed: i == 2) }, "a control character got through")
    }
    return 0
}

/// Runs libFuzzer on ``contactMessageFuzz``.
@main
enum Main {
    static func main() { FuzzDriver.run(contactMessageFuzz) }
}
