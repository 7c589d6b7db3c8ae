import Foundation
import FuzzSupport
import MibaraiCore

// The body of `POST /v1/screen`: JSON read by a default `JSONDecoder` into `ScreenRequest`
// (as `ScreeningServer` does), then the order read from it (`ScreenRequest.order()`, which is
// `OrderForm.order()`). `Server/` links the server's own `ScreenRequest*.swift`, its strict
// decoding and `APIError.swift`, which need only MibaraiCore, so the target does not build the
// HTTP stack.
// Property: no crash, no trap, no hang.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func screenRequestFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = Data(FuzzInput.bytes(data, size))
    guard let request = try? JSONDecoder().decode(ScreenRequest.self, from: body) else { return 0 }
    _ = request.order()
    return 0
}

/// Runs libFuzzer on ``screenRequestFuzz``.
@main
enum Main {
    static func main() { FuzzDriver.run(screenRequestFuzz) }
}
