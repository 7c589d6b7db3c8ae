import Foundation
import MibaraiTestSupport
import Testing

/// The home page tells a shop owner how the network looks, from the running gossip: a member
/// shop connected to its hub sees one peer, the members the operator admitted, and that it is in
/// step; a node started without the federation says so.
@Suite("Web page: the network in plain words", .serialized)
struct WebNetworkStatusTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }
    let password = "kanto-network-2026"

    @Test func theHomePageShowsTheHubAndTheMembers() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        try federation.join("shop-a")
        let set = try CommandRunner.mibarai(["web", "password", "--data-dir", dir.path("shop-a")], stdin: Data("\(password)\n".utf8))
        #expect(set.status == 0, "\(set.stderr)")
        let (hub, hubPort) = try federation.start("hub")
        defer { hub.stop() }
        let (shop, _) = try federation.start("shop-a", peers: ["hub@127.0.0.1:\(hubPort)"])
        defer { shop.stop() }
        let web = try WebSignIn(port: shop.port, password: password)
        var home = ""
        #expect(try federation.eventually {
            home = try web.get("/?lang=ja").text
            return home.contains("他のノードと同期しています")
        }, "\(home)")
        #expect(home.contains("連合に参加しています (このノード: shop-a)"))
        #expect(home.contains("接続中のノード: 1、加盟店: 2"), "\(home)")
        shop.stop()

        // Without the gossip, the page does not pretend.
        let alone = try ServerProcess(["--data-dir", dir.path("shop-a"), "--no-federation"])
        defer { _ = alone.stop() }
        let page = try WebSignIn(port: alone.port, password: password).get("/?lang=ja").text
        #expect(page.contains("連合の通信は止まっています"), "\(page)")
    }
}
