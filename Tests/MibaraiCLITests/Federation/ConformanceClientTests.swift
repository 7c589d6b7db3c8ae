import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The conformance client (`Protocol/conformance/`, Python, written from `Protocol/` alone) against
/// real processes: an operator issues it a membership with the real CLI, it gossips with a running
/// hub over mutual TLS, verifies every entry it pulls, opens its sealed epoch key and finds a shop's
/// report of a canary identity, and not of another identity. The test fails when python3 or its
/// `cryptography` module is missing (`scripts/lib/ensure-deps.sh` installs them).
@Suite("Conformance client", .serialized)
struct ConformanceClientTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    static let package = ProjectPaths.root.appendingPathComponent("Protocol/conformance")

    /// `python3 -m mibarai_conformance ARGS`, importing only what `Protocol/conformance` holds.
    func client(_ args: [String], environment: [String: String] = [:]) throws -> CommandResult {
        var env = ["PYTHONPATH": Self.package.path, "PYTHONDONTWRITEBYTECODE": "1", "MIBARAI_TODAY": Fixtures.today.description]
        env.merge(environment) { _, new in new }
        return try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "mibarai_conformance"] + args, environment: env)
    }

    func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r.stdout) \(r.stderr)")
    }

    /// python3 with `cryptography`: without them the client cannot run, and that is a failure.
    func requirePython() throws {
        let r = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import cryptography, ssl; print(ssl.HAS_TLSv1_3)"])
        try #require(r.status == 0 && r.stdout.contains("True"),
                     "python3 with the cryptography module and TLS 1.3 is needed (apt-get install python3-cryptography; scripts/lib/ensure-deps.sh): \(r.stderr)")
    }

    /// Canonical identities as the node's normaliser makes them, by label, for the client's `--identities`.
    func canonical(_ identity: Identity) throws -> [String: Any] {
        let n = Normalizer(directory: try PostalDirectory.bundled()).normalize(identity)
        var out: [String: Any] = [:]
        out["name"] = n.name
        out["name_kana"] = n.nameKana
        out["postal_code"] = n.postalCode
        out["address"] = n.address?.canonical
        out["phone"] = n.phone
        out["email"] = n.email
        if n.address?.isPostOfficeHold == true { out["post_office_hold"] = true }
        return out
    }

    static let canary = Identity(
        name: "見本 花子", nameKana: "ミホン ハナコ", postalCode: "135-0045", address: "東京都江東区古石場2丁目29番16号 カナリアハイツ1203号室",
        phone: "080-2468-1357", email: nil)
    static let stranger = Identity(
        name: "見本 一郎", nameKana: "ミホン イチロウ", postalCode: "060-0000", address: "北海道札幌市中央区北一条西2丁目1番地",
        phone: "080-9753-1864", email: nil)

    @Test func pythonAndCryptographyArePresent() throws {
        try requirePython()
    }

    @Test func theClientChecksEveryVectorFile() throws {
        try requirePython()
        let r = try client(["vectors"])
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        let out = try json(r)
        #expect((out["failures"] as? [Any])?.isEmpty == true, "\(r.stdout)")
        let checked = try #require(out["checked"] as? [String: Int])
        for file in ["blinding.jsonl", "identity_tokens.jsonl", "federation/entries.jsonl", "federation/chain.jsonl", "federation/chain_reviews.jsonl",
                     "federation/version_vectors.jsonl", "federation/publication_ids.jsonl", "federation/exchange.jsonl",
                     "federation/exchange_v2.jsonl", "federation/session.jsonl"] {
            #expect((checked[file] ?? 0) > 0, "\(file) not checked")
        }
    }

    /// An operator, a hub and a shop that has reported the canary, the report at the hub; the
    /// client joined with a membership issued by the operator's real CLI. Returns the servers and
    /// the hub's gossip port.
    func federationWithClient() throws -> (hub: ServerProcess, shop: ServerProcess, hubPort: Int) {
        try federation.create()
        try federation.join("hub", role: "hub")
        try federation.join("shop-a")
        let (hub, hubPort) = try federation.start("hub")
        let (shop, _) = try federation.start("shop-a", peers: ["hub@127.0.0.1:\(hubPort)"])
        let c = Self.canary
        try federation.mibarai([
            "report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
            "--name", c.name!, "--kana", c.nameKana!, "--postal-code", c.postalCode!, "--address", c.address!, "--phone", c.phone!,
            "--incident-date", "2026-10-01",
        ])
        #expect(try federation.eventually { try !federation.lookup("hub", phone: c.phone!).isEmpty }, "the hub never got the shop's report")

        // The client's request goes through the operator's real `federation issue`.
        let request = try client(["request", "--dir", dir.path("client"), "--name", "conformance-client", "--output", dir.path("client.req")])
        #expect(request.status == 0, "\(request.stderr)")
        try federation.mibarai(["federation", "issue", dir.path("client.req"), "--operator-dir", dir.path("op"), "--role", "shop",
                                "--region", "kanto", "--output", dir.path("client.bundle")])
        let joinResult = try client(["join", dir.path("client.bundle"), "--dir", dir.path("client")])
        #expect(joinResult.status == 0, "\(joinResult.stderr)")
        let joined = try json(joinResult)
        #expect((joined["member_number"] as? Int ?? 0) > 0)
        #expect(joined["epochs"] as? [Int] == [1], "no epoch key opened from the bundle")

        var identities: [[String: Any]] = [["label": "canary", "canonical": try canonical(c)], ["label": "stranger", "canonical": try canonical(Self.stranger)]]
        // The same canary as the shop typed it: the client normalises it with its own normaliser.
        identities.append(["label": "canary-raw", "raw": ["name": c.name!, "name_kana": c.nameKana!, "postal_code": c.postalCode!,
                                                           "address": c.address!, "phone": c.phone!]])
        try JSONSerialization.data(withJSONObject: identities).write(to: URL(fileURLWithPath: dir.path("identities.json")))
        return (hub, shop, hubPort)
    }

    /// One gossip session of the client with the hub; its JSON report.
    func gossip(hubPort: Int, _ extra: [String] = []) throws -> (CommandResult, [String: Any]) {
        let r = try client(["gossip", "--dir", dir.path("client"), "--peer", "hub@127.0.0.1:\(hubPort)", "--identities", dir.path("identities.json"),
                            "--today", Fixtures.today.description, "--timeout", "90"] + extra)
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        return (r, try json(r))
    }

    @Test func aClientWrittenFromTheSpecJoinsGossipsVerifiesAndMatches() throws {
        try requirePython()
        let (hub, shop, hubPort) = try federationWithClient()
        defer { hub.stop(); shop.stop() }

        // A bundle altered in transit is refused.
        var tampered = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("client.bundle")))) as? [String: Any])
        tampered["operator_key"] = String(repeating: "ab", count: 32)
        try JSONSerialization.data(withJSONObject: tampered).write(to: URL(fileURLWithPath: dir.path("tampered.bundle")))
        #expect(try client(["join", dir.path("tampered.bundle"), "--dir", dir.path("client")]).status == 65)

        // Once in sync, the shop reports someone else: the hub pushes it to the client.
        let push = [ProjectPaths.mibaraiExecutable.path, "report", "add", "--data-dir", dir.path("shop-a"), "--category", "cod-refusal",
                    "--amount", "5400", "--phone", "080-1357-2468", "--incident-date", "2026-11-02"].joined(separator: " ")
        let (session, report) = try gossip(hubPort: hubPort, ["--wait-push", "--after-sync", push, "--wait-get-peers"])
        #expect(report["violation"] == nil, "\(session.stdout)")
        #expect(report["version"] as? Int == 2)
        #expect(report["in_sync"] as? Bool == true, "the client's version vector never matched the hub's: \(session.stdout)")
        let fromBundle = report["entries_verified_from_bundle"] as? Int ?? 0
        #expect(fromBundle > 0)
        #expect((report["entries_verified"] as? Int ?? 0) > fromBundle, "no entry from the hub verified")
        #expect((report["entries_accepted_from_node"] as? Int ?? 0) > 0)
        let refused = report["entries_refused"] as? [String: Int] ?? [:]
        for fault in ["malformed", "too_large", "bad_signature", "equivocation", "invalid_body"] { #expect(refused[fault] == nil, "\(fault)") }
        // The hub lacked the operator's entries about the client: the client sent them.
        #expect((report["entries_sent"] as? Int ?? 0) >= 2)
        #expect((report["pushed_entries"] as? Int ?? 0) > 0, "the hub pushed nothing")
        #expect((report["get_peers_answered"] as? Int ?? 0) > 0, "the hub never asked for peers")
        #expect(report["peers"] is [Any], "no answer to get_peers")
        let origins = report["origins"] as? [[String: Any]] ?? []
        #expect(origins.contains { $0["name"] as? String == "shop-a" && ($0["head"] as? Int ?? 0) >= 2 }, "\(origins)")
        #expect(origins.contains { $0["name"] as? String == "operator" })
        #expect((report["live_records"] as? Int ?? 0) >= 2)

        let matches = try #require(report["matches"] as? [String: [[String: Any]]], "\(session.stdout)")
        let found = matches["canary"] ?? []
        #expect(found.count == 1, "\(found)")
        #expect(found.first?["origin_name"] as? String == "shop-a")
        let types = Set(found.first?["types"] as? [String] ?? [])
        #expect(types.isSuperset(of: ["phone", "name_address", "kana_address", "address"]), "\(types)")
        #expect(found.first?["strength"] as? String == "strong")
        #expect(found.first?["status"] as? String == "open")
        #expect(found.first?["amount_yen"] as? Int == 12_800)
        #expect(matches["stranger"]?.isEmpty == true, "another identity matched")
        #expect(Set(matches["canary-raw"]?.first?["types"] as? [String] ?? []) == types, "the Python normaliser disagrees with the node's")

        // A client that speaks only version 1 gets the same: summary, buckets, want, delta.
        let (v1, old) = try gossip(hubPort: hubPort, ["--max-version", "1"])
        #expect(old["version"] as? Int == 1, "\(v1.stdout)")
        #expect(old["in_sync"] as? Bool == true, "\(v1.stdout)")
        #expect(old["entries_verified"] as? Int == report["entries_verified"] as? Int, "\(v1.stdout)")
        #expect(((old["matches"] as? [String: [[String: Any]]])?["canary"])?.count == 1)
    }

    /// The operator starts epoch 2 and a hub takes the log: by gossip alone, the client opens its box
    /// of the new key, and finds the shop's report blinded again under it (the epoch-1 publication
    /// withdrawn).
    @Test func aNewEpochReachesTheClientByGossip() throws {
        try requirePython()
        let (hub, shop, hubPort) = try federationWithClient()
        defer { hub.stop(); shop.stop() }
        try federation.mibarai(["federation", "epoch", "--operator-dir", dir.path("op"), "--output", dir.path("epoch2.json")])
        try federation.mibarai(["node", "operator-log", dir.path("epoch2.json"), "--data-dir", dir.path("hub")])

        var last: [String: Any] = [:]
        let rebinded = try federation.eventually(60) {
            let (_, report) = try gossip(hubPort: hubPort)
            last = report
            let canary = (report["matches"] as? [String: [[String: Any]]])?["canary"] ?? []
            return report["epochs"] as? [Int] == [1, 2] && canary.count == 1 && canary.first?["epoch"] as? Int == 2
        }
        #expect(rebinded, "the client never found the report under epoch 2: \(last)")
        #expect(last["violation"] == nil)
        #expect((last["records"] as? Int ?? 0) >= 2, "the epoch-1 publication and its successor")
        let refused = last["entries_refused"] as? [String: Int] ?? [:]
        for fault in ["malformed", "too_large", "bad_signature", "equivocation", "invalid_body"] { #expect(refused[fault] == nil, "\(fault)") }
        #expect(((last["matches"] as? [String: [[String: Any]]])?["stranger"])?.isEmpty == true)
    }
}
