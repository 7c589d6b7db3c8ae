import Crypto
import Foundation
import MibaraiHubAPI
import MibaraiTestSupport
import Testing

/// The committed code generated from an OpenAPI document (`scripts/generate-api.sh`) is the code
/// of the document as it is now: a document changed without regenerating fails here, so a spec
/// and the server and client built from it cannot drift.
@Suite("Generated API code matches its document")
struct GeneratedAPIDigestTests {
    @Test func hubAPICodeIsGeneratedFromTheCurrentDocument() throws {
        #expect(HubAPIDocument.path == "Protocol/hub-api.yaml")
        let bytes = try Data(contentsOf: ProjectPaths.root.appendingPathComponent(HubAPIDocument.path))
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        #expect(digest == HubAPIDocument.sha256, "Protocol/hub-api.yaml changed: run scripts/generate-api.sh and commit its output")
    }
}
