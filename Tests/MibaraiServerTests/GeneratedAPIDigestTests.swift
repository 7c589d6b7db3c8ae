import Crypto
import Foundation
import MibaraiHubAPI
import MibaraiScreeningAPI
import MibaraiTestSupport
import Testing

/// The committed code generated from an OpenAPI document (`scripts/generate-api.sh`) is the code
/// of the document as it is now: a document changed without regenerating fails here, so a spec
/// and the server and client built from it cannot drift.
@Suite("Generated API code matches its document")
struct GeneratedAPIDigestTests {
    static func digest(_ path: String) throws -> String {
        let bytes = try Data(contentsOf: ProjectPaths.root.appendingPathComponent(path))
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func hubAPICodeIsGeneratedFromTheCurrentDocument() throws {
        #expect(HubAPIDocument.path == "Protocol/hub-api.yaml")
        #expect(try Self.digest(HubAPIDocument.path) == HubAPIDocument.sha256,
                "Protocol/hub-api.yaml changed: run scripts/generate-api.sh and commit its output")
    }

    @Test func screeningAPICodeIsGeneratedFromTheCurrentDocument() throws {
        #expect(ScreeningAPIDocument.path == "Protocol/screening-api.yaml")
        #expect(try Self.digest(ScreeningAPIDocument.path) == ScreeningAPIDocument.sha256,
                "Protocol/screening-api.yaml changed: run scripts/generate-api.sh and commit its output")
    }
}
