import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `mibarai sync` between real processes: a shop that runs no server hands its report to the hub
/// in one command, another shop takes it in one command and finds it at once, and neither shop
/// ever accepts a connection. Refused while `serve` runs; exit 69 when no peer answers.
@Suite("One-shot sync", .serialized)
struct SyncCommandTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    func sync(_ node: String, _ args: [String]) throws -> CommandResult {
        try CommandRunner.mibarai(["sync", "--data-dir", dir.path(node)] + args)
    }

    @Test func shopsWithoutAServerShareAReportThroughTheHub() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        for shop in ["shop-a", "shop-b"] { try federation.join(shop) }
        let (hub, hubPort) = try federation.start("hub")
        defer { hub.stop() }
        let peer = ["--peer", "hub@127.0.0.1:\(hubPort)"]
        let c = Fixtures.canary

        try federation.mibarai(["report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
                                "--name", c.name!, "--phone", c.phone!, "--address", c.address!, "--incident-date", "2026-10-01"])
        let a = try sync("shop-a", peer)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("synced: 1 entries of this shop handed over"), "\(a.stdout)")
        #expect(try federation.lookup("shop-b", phone: c.phone!).isEmpty, "nothing reaches shop-b before it syncs")

        let b = try sync("shop-b", peer)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("synced: 0 entries of this shop handed over"), "\(b.stdout)")
        // Found at once: sync returns only after what it took is written and applied.
        let found = try federation.lookup("shop-b", phone: c.phone!)
        #expect(found.contains { $0["origin"] as? String == "shop-a" }, "\(found)")

        // A status change travels the same way.
        let list = try federation.mibarai(["report", "list", "--data-dir", dir.path("shop-a"), "--json"])
        let id = try #require((try JSONSerialization.jsonObject(with: list.stdoutData) as? [[String: Any]])?.first?["id"] as? String)
        try federation.mibarai(["report", "update", id, "--data-dir", dir.path("shop-a"), "--status", "paid"])
        #expect(try sync("shop-a", peer).status == 0)
        #expect(try sync("shop-b", peer).status == 0)
        #expect(try federation.lookup("shop-b", phone: c.phone!).first { $0["origin"] as? String == "shop-a" }?["status"] as? String == "paid")

        // Shop B holds the blinded record, not the person.
        for value in [c.phone!, "09012345678", "カナリア", "古石場"] {
            let r = try CommandRunner.run(URL(fileURLWithPath: "/bin/grep"), ["-r", "-a", "-F", "-l", "--", value, dir.path("shop-b")])
            #expect(r.status == 1, "\(value) found in \(r.stdout)")
        }
        let control = try CommandRunner.run(URL(fileURLWithPath: "/bin/grep"), ["-r", "-a", "-F", "-l", "--", "古石場", dir.path("shop-a")])
        #expect(control.status == 0, "the search sees the raw value where it is held")
    }

    @Test func refusedWhileServeRunsAndUnavailableWithoutAPeer() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        try federation.join("shop-a")
        let (hub, hubPort) = try federation.start("hub")
        let busy = try sync("hub", ["--peer", "hub@127.0.0.1:\(hubPort)"])
        #expect(busy.status == 64 && busy.stderr.contains("serve"), "\(busy.stderr)")
        hub.stop()

        let none = try sync("shop-a", [])
        #expect(none.status == 64 && none.stderr.contains("[federation] peers"), "\(none.stderr)")
        // The hub is gone: its port answers nothing.
        let started = Date()
        let unreachable = try sync("shop-a", ["--peer", "hub@127.0.0.1:\(hubPort)", "--timeout", "2"])
        #expect(unreachable.status == 69, "\(unreachable.status) \(unreachable.stderr)")
        #expect(unreachable.stderr.contains("could not finish syncing") && unreachable.stderr.contains("同期を終えられませんでした"))
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
