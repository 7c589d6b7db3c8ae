import CLibFuzzer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libFuzzer from a target's `@main`: SwiftPM gives every executable the `main` of its own
/// module, so the targets call libFuzzer's driver rather than rely on libFuzzer's `main`.
public enum FuzzDriver {
    /// libFuzzer's callback: one input, 0 to go on.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Writes the target's generated seeds when asked (``SeedWriter``), then hands the command
    /// line to libFuzzer and exits with its status.
    public static func run(_ test: TestOneInput, seeds: (() throws -> [[UInt8]])? = nil) -> Never {
        if let seeds { SeedWriter.writeIfAsked(prefix: "gen", seeds) }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, test))
    }
}
