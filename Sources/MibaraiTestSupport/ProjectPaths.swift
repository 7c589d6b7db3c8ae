import Foundation

/// Paths inside the source checkout, for tests that read `Protocol/` vectors or run the built binary.
public enum ProjectPaths {
    /// The package root: three levels above this file (`Sources/MibaraiTestSupport/ProjectPaths.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Protocol/<relative>`.
    public static func protocolFile(_ relative: String) -> URL {
        root.appendingPathComponent("Protocol").appendingPathComponent(relative)
    }

    /// The directory holding the test bundle, where SwiftPM also puts the built executables.
    public static var productsDirectory: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On Linux the test runner is `<products>/MibaraiPackageTests.xctest`, a plain executable.
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir
    }

    /// The built `mibarai` executable next to the test bundle.
    public static var mibaraiExecutable: URL { productsDirectory.appendingPathComponent("mibarai") }

    /// `../shared/<relative>` beside the checkout, when it exists.
    public static func shared(_ relative: String) -> URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
