import FuzzSupport
import MibaraiCore

// The normalisers every identity goes through before it is blinded or matched
// (`Normalizer.normalize`: name, kana, postal code, address with the postal directory, phone,
// e-mail). The input is cut at NUL bytes into the identity's six fields, in that order; fields
// the input does not reach are absent.
// Property: no crash, no trap, no hang.

/// The bundled tables, loaded once.
let normalizer: Normalizer = {
    do { return try Normalizer.bundled() } catch { fatalError("the bundled tables do not load: \(error)") }
}()

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func normalizerFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let f = FuzzInput.fields(FuzzInput.bytes(data, size), count: 6)
    let identity = Identity(name: f[0], nameKana: f[1], postalCode: f[2], address: f[3], phone: f[4], email: f[5])
    _ = normalizer.normalize(identity)
    return 0
}

/// Runs libFuzzer on ``normalizerFuzz``.
@main
enum Main {
    static func main() {
        _ = normalizer // loaded before the first input, whose time limit it would use up
        FuzzDriver.run(normalizerFuzz)
    }
}
