import FuzzSupport
import MibaraiNode

// The node's configuration file `mibarai.toml` (`NodeConfiguration.parse`: TOMLKit's strict
// decoder, then every section's checks). The input is read as UTF-8, invalid sequences repaired,
// as the node reads the file as a string.
// Property: no crash, no trap, no hang.

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func nodeConfigurationFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    if let configuration = try? NodeConfiguration.parse(text) {
        _ = configuration.template
    }
    return 0
}

/// Runs libFuzzer on ``nodeConfigurationFuzz``.
@main
enum Main {
    static func main() { FuzzDriver.run(nodeConfigurationFuzz) }
}
