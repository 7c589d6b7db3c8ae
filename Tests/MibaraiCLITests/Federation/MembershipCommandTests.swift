import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// Joining a federation through the real binary: operator and shop in separate directories,
/// the certificate checked by OpenSSL.
@Suite("Membership commands")
struct MembershipCommandTests {
    let dir = TemporaryDirectory("mibarai-join")

    func mibarai(_ args: [String]) throws -> CommandResult { try CommandRunner.mibarai(args) }

    func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r.allOutput)")
    }

    @Test func aShopJoinsWithACertificateTheOperatorIssued() throws {
        let op = dir.path("operator")
        let created = try mibarai(["federation", "init", "--operator-dir", op, "--name", "kanto-assoc", "--json"])
        #expect(created.status == 0, "\(created.stderr)")
        let operatorKey = try #require(try json(created)["operator_key"] as? String)
        for secret in ["operator/root.key", "operator/operator.key"] {
            let attrs = try FileManager.default.attributesOfItem(atPath: dir.path(secret))
            #expect((attrs[.posixPermissions] as? Int) == 0o600, "\(secret)")
        }
        #expect(!created.stdout.contains("PRIVATE"))
        #expect(try mibarai(["federation", "init", "--operator-dir", op, "--name", "again"]).status == 64)

        #expect(try mibarai(["init", "--data-dir", dir.path("shop"), "--node-id", "shop-maruyama"]).status == 0)
        let csr = try mibarai(["node", "csr", "--data-dir", dir.path("shop"), "--output", dir.path("req.json")])
        #expect(csr.status == 0, "\(csr.stderr)")
        let request = try String(contentsOfFile: dir.path("req.json"), encoding: .utf8)
        #expect(!request.contains("PRIVATE"))
        for secret in ["shop/tls.key", "shop/sealing.key"] {
            let attrs = try FileManager.default.attributesOfItem(atPath: dir.path(secret))
            #expect((attrs[.posixPermissions] as? Int) == 0o600, "\(secret)")
        }

        let issued = try mibarai([
            "federation", "issue", dir.path("req.json"), "--operator-dir", op, "--role", "shop", "--region", "kanto",
            "--output", dir.path("bundle.json"), "--json",
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        let serial = try #require(try json(issued)["serial"] as? String)
        #expect(try String(contentsOfFile: dir.path("operator/issued.jsonl"), encoding: .utf8).contains(serial))

        let joined = try mibarai(["node", "join", dir.path("bundle.json"), "--data-dir", dir.path("shop"), "--json"])
        #expect(joined.status == 0, "\(joined.stderr)")
        let shown = try json(try mibarai(["node", "show", "--data-dir", dir.path("shop"), "--json"]))
        #expect(shown["name"] as? String == "shop-maruyama")
        #expect(shown["role"] as? String == "shop")
        #expect(shown["region"] as? String == "kanto")
        #expect(shown["operator_key"] as? String == operatorKey)
        #expect(shown["serial"] as? String == serial)

        let verify = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/openssl"),
            ["verify", "-CAfile", dir.path("shop/federation/root.pem"), "-purpose", "sslclient", dir.path("shop/federation/node.pem")]
        )
        #expect(verify.status == 0, "\(verify.allOutput)")

        // A bundle whose operator key was swapped in transit is refused.
        var tampered = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("bundle.json")))) as? [String: Any])
        tampered["operator_key"] = String(repeating: "ab", count: 32)
        try JSONSerialization.data(withJSONObject: tampered).write(to: URL(fileURLWithPath: dir.path("tampered.json")))
        let swapped = try mibarai(["node", "join", dir.path("tampered.json"), "--data-dir", dir.path("shop")])
        #expect(swapped.status == 65, "\(swapped.stderr)")
        #expect(swapped.stderr.contains("operator key"))

        // A second federation's bundle does not silently replace the trusted root.
        let op2 = dir.path("operator2")
        #expect(try mibarai(["federation", "init", "--operator-dir", op2, "--name", "kinki-assoc"]).status == 0)
        #expect(try mibarai(["federation", "issue", dir.path("req.json"), "--operator-dir", op2, "--role", "shop", "--region", "kinki", "--output", dir.path("b2.json")]).status == 0)
        let other = try mibarai(["node", "join", dir.path("b2.json"), "--data-dir", dir.path("shop")])
        #expect(other.status == 65)
        #expect(other.stderr.contains("--replace"))
        #expect(try json(try mibarai(["node", "show", "--data-dir", dir.path("shop"), "--json"]))["region"] as? String == "kanto")

        // Another node cannot use this bundle; nothing is written for it.
        #expect(try mibarai(["init", "--data-dir", dir.path("other"), "--node-id", "shop-other"]).status == 0)
        let stolen = try mibarai(["node", "join", dir.path("bundle.json"), "--data-dir", dir.path("other")])
        #expect(stolen.status == 65)
        #expect(stolen.stderr.contains("does not match this node's key"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("other/federation")))
        #expect(try mibarai(["node", "show", "--data-dir", dir.path("other")]).status == 66)
    }

    @Test func theOperatorRefusesAlteredRequestsAndBadOptions() throws {
        let op = dir.path("operator")
        #expect(try mibarai(["federation", "init", "--operator-dir", op, "--name", "kanto-assoc"]).status == 0)
        #expect(try mibarai(["init", "--data-dir", dir.path("shop"), "--node-id", "shop-a"]).status == 0)
        #expect(try mibarai(["node", "csr", "--data-dir", dir.path("shop"), "--output", dir.path("req.json")]).status == 0)
        let original = try String(contentsOfFile: dir.path("req.json"), encoding: .utf8)
        try original.replacingOccurrences(of: "\"shop-a\"", with: "\"shop-b\"").write(toFile: dir.path("renamed.json"), atomically: true, encoding: .utf8)
        let cases: [([String], Int32, String)] = [
            (["federation", "issue", dir.path("renamed.json"), "--operator-dir", op, "--role", "shop", "--region", "kanto", "--output", dir.path("b1.json")], 65, "common name"),
            (["federation", "issue", dir.path("req.json"), "--operator-dir", op, "--role", "king", "--region", "kanto", "--output", dir.path("b2.json")], 65, "--role"),
            (["federation", "issue", dir.path("req.json"), "--operator-dir", op, "--role", "shop", "--region", "関東", "--output", dir.path("b3.json")], 65, "--region"),
            (["federation", "issue", dir.path("req.json"), "--operator-dir", dir.path("nowhere"), "--role", "shop", "--region", "kanto", "--output", dir.path("b4.json")], 66, "federation init"),
            (["federation", "issue", dir.path("missing.json"), "--operator-dir", op, "--role", "shop", "--region", "kanto", "--output", dir.path("b5.json")], 66, "join request"),
        ]
        for (args, code, message) in cases {
            let r = try mibarai(args)
            #expect(r.status == code, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stderr.contains("エラー: "))
        }
        for n in 1...5 { #expect(!FileManager.default.fileExists(atPath: dir.path("b\(n).json"))) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("operator/issued.jsonl")))
    }
}
