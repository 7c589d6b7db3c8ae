import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `mibarai federation notice`: every item the law requires for joint use, the members the
/// operator's log admits now (a revoked one left out), as text and as escaped HTML; `node show`
/// tells a member to publish it.
@Suite("Joint-use notice")
struct JointUseNoticeTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    @Test func theNoticeHoldsEveryRequiredItemAndTheCurrentMembers() throws {
        try federation.create()
        try federation.join("hub", role: "hub")
        try federation.join("shop-ok")
        try federation.join("shop-gone")
        try federation.mibarai(["federation", "revoke", "shop-gone", "--operator-dir", dir.path("op"), "--reason", "left_federation",
                                "--output", dir.path("revoked.log")])
        let args = ["federation", "notice", "--operator-dir", dir.path("op"), "--responsible-name", "一般社団法人 関東通販協会",
                    "--responsible-address", "東京都千代田区丸の内1-1-1", "--representative", "代表理事 見本 花子",
                    "--contact", "privacy@example.invalid <窓口>"]
        let text = try CommandRunner.mibarai(args, environment: ["LANG": "ja_JP.UTF-8"])
        #expect(text.status == 0, "\(text.stderr)")
        for required in ["共同して利用する個人データの項目", "共同して利用する者の範囲", "利用する者の利用目的", "個人データの管理について責任を有する者",
                         "一般社団法人 関東通販協会", "東京都千代田区丸の内1-1-1", "代表理事 見本 花子", "kanto-assoc", "照合用の符号",
                         "shop-ok", "hub"] {
            #expect(text.stdout.contains(required), "missing \(required):\n\(text.stdout)")
        }
        #expect(!text.stdout.contains("shop-gone"), "a revoked member is no joint user")
        #expect(text.stdout.contains("以下の 2 者"), "\(text.stdout)")

        let html = try CommandRunner.mibarai(args + ["--format", "html", "--lang", "en"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.hasPrefix("<section lang=\"en\""))
        #expect(html.stdout.contains("Items of personal data used jointly") && html.stdout.contains("shop-ok"))
        #expect(html.stdout.contains("&lt;窓口&gt;") && !html.stdout.contains("<窓口>"), "values are escaped")

        let bad = try CommandRunner.mibarai(args + ["--format", "pdf"])
        #expect(bad.status == 64)
        let show = try CommandRunner.mibarai(["node", "show", "--data-dir", dir.path("shop-ok")])
        #expect(show.stdout.contains("federation notice"), "\(show.stdout)")
    }
}
