import Foundation
import MibaraiTestSupport
import Testing

/// `deploy/mibarai.example.toml` is what `mibarai init` writes, so the documented keys are the
/// ones the node reads.
@Suite("Example configuration")
struct ExampleConfigurationTests {
    @Test func theExampleIsWhatInitWrites() throws {
        let dir = TemporaryDirectory("mibarai-example")
        let made = try CommandRunner.mibarai(["init", "--data-dir", dir.path("node"), "--node-id", "shop-example"])
        #expect(made.status == 0, "\(made.stderr)")
        let written = try String(contentsOfFile: dir.path("node/mibarai.toml"), encoding: .utf8)
        let example = try String(contentsOf: ProjectPaths.root.appendingPathComponent("deploy/mibarai.example.toml"), encoding: .utf8)
        #expect(written == example, "regenerate: mibarai init --node-id shop-example, then copy mibarai.toml to deploy/mibarai.example.toml")
    }
}
