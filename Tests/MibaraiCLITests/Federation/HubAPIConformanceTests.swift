import Foundation
import MibaraiTestSupport
import Testing

/// A running hub's federation listener answers as `Protocol/hub-api.yaml` says: schemathesis
/// (installed by `scripts/lib/ensure-deps.sh`) connects with a shop's member certificate over
/// mutual TLS and sends valid and invalid requests generated from the document, with every check
/// on (schema-valid requests accepted, invalid ones refused, answers matching their schemas and
/// content types, 405 for undeclared methods). A fixed seed makes the run repeatable. A hub's
/// certificate names a member, not a host, so the client checks the hub's certificate against
/// nothing here; the hub checks the shop's in the handshake, which is what is under test.
@Suite("Hub API against its OpenAPI document", .serialized)
struct HubAPIConformanceTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    @Test func schemathesisFindsNoFailure() throws {
        let st = APIConformanceTests.schemathesis
        try #require(FileManager.default.isExecutableFile(atPath: st.path),
                     "schemathesis is missing: run ./scripts/test.sh, which installs it")
        try federation.create(replicas: "hubs")
        try federation.join("hub", role: "hub")
        try federation.join("shop-a")
        // No quota: every schema-valid request is answered (HubQuotaTests covers refusals).
        try federation.mibarai(["federation", "policy", "--operator-dir", dir.path("op"), "--replicas", "hubs",
                                "--daily-quota", "0", "--burst", "0", "--output", dir.path("policy.json")])
        try federation.mibarai(["node", "operator-log", dir.path("policy.json"), "--data-dir", dir.path("hub")])
        let (hub, _) = try federation.start("hub")
        var stopped = false
        defer { if !stopped { hub.stop() } }
        let port = try #require(hub.waitForLine(/federation listener on https:\/\/127\.0\.0\.1:([0-9]+)/), "\(hub.stdout)")

        let shop = dir.path("shop-a")
        let run = try CommandRunner.run(st, [
            // Why a 400 to a schema-valid lookup can be right (rules JSON Schema cannot state).
            "--config-file", ProjectPaths.root.appendingPathComponent("scripts/schemathesis/hub-api.toml").path,
            "run", ProjectPaths.protocolFile("hub-api.yaml").path,
            "--url", "https://127.0.0.1:\(port)",
            "--request-cert", shop + "/federation/node.pem", "--request-cert-key", shop + "/tls.key", "--tls-verify", "false",
            "--checks", "all", "--continue-on-failure", "--max-examples", "150", "--seed", "20261208",
            "--generation-database", "none", "--no-color",
        ])
        #expect(run.status == 0, "\(run.stdout.suffix(6000)) \(run.stderr.suffix(2000))")
        #expect(run.stdout.contains("3 selected / 3 total"), "every operation is tested: \(run.stdout.prefix(2000))")
        #expect(!run.stdout.contains("failed") && run.stdout.contains("passed"), "\(run.stdout.suffix(3000))")
        // Hundreds of hostile requests later, the hub still answers a shop's check (exit 69 would
        // mean no hub answered) and stops cleanly.
        let toml = URL(fileURLWithPath: shop).appendingPathComponent("mibarai.toml")
        let text = try String(contentsOf: toml, encoding: .utf8)
        try text.replacingOccurrences(of: "hubs = []", with: "hubs = [\"hub@127.0.0.1:\(port)\"]").write(to: toml, atomically: true, encoding: .utf8)
        let check = try CommandRunner.mibarai(["check", "--data-dir", shop, "--phone", Fixtures.canary.phone!, "--json"])
        #expect(check.status == 0 && !check.stdout.contains("\"incomplete\":true"), "\(check.stdout) \(check.stderr)")
        stopped = true
        #expect(hub.stop() == 0, "\(hub.stderr.suffix(2000))")
    }
}
