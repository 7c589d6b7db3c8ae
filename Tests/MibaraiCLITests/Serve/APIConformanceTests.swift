import Foundation
import MibaraiTestSupport
import Testing

/// The screening API of a running `mibarai serve` answers as `Protocol/screening-api.yaml` says:
/// schemathesis (`scripts/lib/ensure-deps.sh` installs it, pinned, in `.build/test-tools/venv`)
/// sends it valid and invalid requests generated from the document, with every check on
/// (schema-valid requests accepted, invalid ones refused, responses matching their schemas and
/// content types, 405 for undeclared methods, the token required). A fixed seed makes the run
/// repeatable.
@Suite("Screening API against its OpenAPI document")
struct APIConformanceTests {
    let dir = TemporaryDirectory("mibarai-openapi")

    static var schemathesis: URL { ProjectPaths.root.appendingPathComponent(".build/test-tools/venv/bin/st") }

    @Test func schemathesisFindsNoFailure() throws {
        let st = Self.schemathesis
        try #require(FileManager.default.isExecutableFile(atPath: st.path),
                     "schemathesis is missing: run ./scripts/test.sh, which installs it")
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        // A report the document's example matches, so that answers with matches are checked too.
        let added = try CommandRunner.mibarai(["report", "add", "--data-dir", node, "--category", "non-payment", "--amount", "12800",
                                               "--name", "見本 太郎", "--address", "東京都江東区古石場2-29-16", "--incident-date", "2026-10-01"])
        #expect(added.status == 0, "\(added.stderr)")
        let token = try String(contentsOf: URL(fileURLWithPath: node).appendingPathComponent("api-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(["--data-dir", node, "--no-federation"])
        defer { _ = server.stop() }

        let run = try CommandRunner.run(st, [
            "run", ProjectPaths.protocolFile("screening-api.yaml").path,
            "--url", "http://127.0.0.1:\(server.port)", "--header", "Authorization: Bearer \(token)",
            "--checks", "all", "--continue-on-failure", "--max-examples", "150", "--seed", "20261207",
            "--generation-database", "none", "--no-color",
        ])
        #expect(run.status == 0, "\(run.stdout.suffix(6000)) \(run.stderr.suffix(2000))")
        #expect(run.stdout.contains("2 selected / 2 total"), "both operations are tested: \(run.stdout.prefix(2000))")
        #expect(!run.stdout.contains("failed") && run.stdout.contains("passed"), "\(run.stdout.suffix(3000))")
        // Hundreds of hostile requests later, the server still screens.
        let after = try HTTPTestClient.request("POST", port: server.port, path: "/v1/screen",
                                               headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                                               body: Data(#"{"billing": {"name": "見本 太郎", "address": "東京都江東区古石場2-29-16"}}"#.utf8))
        #expect(after.status == 200 && after.text.contains("\"matched\":true"), "\(after.text)")
    }
}
