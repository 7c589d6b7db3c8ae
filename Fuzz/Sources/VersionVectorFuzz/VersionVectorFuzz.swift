import FuzzSupport
import MibaraiCore

// A version vector's compact encoding (`VersionVector.decode`, read through `WireReader`).
// Properties: no crash, no trap, no hang; and a decoded vector encodes to exactly the bytes it
// came from (`encoded()`), so equal vectors have equal encodings and digests.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func versionVectorFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let vector = try? VersionVector.decode(bytes) else { return 0 }
    FuzzCheck.expect(vector.encoded() == bytes, "vector of \(vector.count) origins re-encodes differently")
    return 0
}

/// Runs libFuzzer on ``versionVectorFuzz``.
@main
enum Main {
    static func main() { FuzzDriver.run(versionVectorFuzz) }
}
