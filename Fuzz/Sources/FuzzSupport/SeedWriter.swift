#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a target's generated seed inputs when `MIBARAI_FUZZ_SEEDS` names a directory:
/// inputs that only the project's own code can make (signed entries, certificates, bundles).
/// `scripts/fuzz.sh --seed` runs each target once with it set; the files go to the corpus.
/// ``FuzzDriver/run(_:seeds:)`` calls it before fuzzing.
public enum SeedWriter {
    /// Calls `make` and writes its inputs as `<dir>/<prefix>-<n>` when the variable is set.
    public static func writeIfAsked(prefix: String, _ make: () throws -> [[UInt8]]) {
        guard let dir = getenv("MIBARAI_FUZZ_SEEDS").map({ String(cString: $0) }), !dir.isEmpty else { return }
        do {
            for (n, seed) in try make().enumerated() {
                let path = "\(dir)/\(prefix)-\(n)"
                guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
                _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
                fclose(file)
            }
        } catch {
            fatalError("cannot make the seeds: \(error)")
        }
    }
}
