import Crypto
import Foundation
import MibaraiHubAPI
import MibaraiScreeningAPI
import MibaraiTestSupport
import Testing

/// The committed code generated from an OpenAPI document (`scripts/generate-api.sh`) is the code
/// of the document and generator configuration as they are now: either changed without
/// regenerating fails here, so a spec and the server and client built from it cannot drift.
/// (Hand edits of the generated files themselves are not detected: they say not to.)
@Suite("Generated API code matches its document")
struct GeneratedAPIDigestTests {
    static func digest(_ paths: String...) throws -> String {
        var bytes = Data()
        for p in paths { bytes += try Data(contentsOf: ProjectPaths.root.appendingPathComponent(p)) }
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func hubAPICodeIsGeneratedFromTheCurrentDocument() throws {
        #expect(HubAPIDocument.path == "Protocol/hub-api.yaml")
        #expect(try Self.digest(HubAPIDocument.path, HubAPIDocument.configuration) == HubAPIDocument.sha256,
                "Protocol/hub-api.yaml changed: run scripts/generate-api.sh and commit its output")
    }

    @Test func screeningAPICodeIsGeneratedFromTheCurrentDocument() throws {
        #expect(ScreeningAPIDocument.path == "Protocol/screening-api.yaml")
        #expect(try Self.digest(ScreeningAPIDocument.path, ScreeningAPIDocument.configuration) == ScreeningAPIDocument.sha256,
                "Protocol/screening-api.yaml changed: run scripts/generate-api.sh and commit its output")
    }
}
