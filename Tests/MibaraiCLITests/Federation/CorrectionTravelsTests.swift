import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// A correction made at the reporting shop reaches every copy, between real processes: after
/// `report update --phone`, the old number (which may be an innocent person's) stops matching at
/// the other shop and the new one starts; a corrected amount is what the other shop sees.
@Suite("Corrections travel", .serialized)
struct CorrectionTravelsTests {
    let federation = LocalFederation()
    var dir: TemporaryDirectory { federation.dir }

    func matches(_ node: String, _ phone: String) throws -> [[String: Any]] {
        try federation.lookup(node, phone: phone).filter { $0["origin"] as? String == "shop-a" }
    }

    @Test func aCorrectedPhoneStopsMatchingEverywhereAndTheNewOneStarts() throws {
        let (mistyped, corrected) = ("080-2468-1359", "080-2468-1369")
        let trio = try federation.startHubAndTwoShops()
        defer { trio.stop() }
        let (hub, a, b) = (trio.hub, trio.a, trio.b)

        let added = try federation.mibarai([
            "report", "add", "--data-dir", dir.path("shop-a"), "--category", "non-payment", "--amount", "12800",
            "--name", "試験 太郎", "--phone", mistyped, "--incident-date", "2026-10-01", "--json",
        ])
        let id = try #require((try JSONSerialization.jsonObject(with: added.stdoutData) as? [String: Any])?["id"] as? String)
        #expect(try federation.eventually { try !matches("shop-b", mistyped).isEmpty }, "shop-b never saw the report")

        let started = Date()
        try federation.mibarai(["report", "update", id, "--data-dir", dir.path("shop-a"), "--phone", corrected])
        #expect(try federation.eventually { try matches("shop-b", mistyped).isEmpty && !matches("shop-b", corrected).isEmpty },
                "shop-b still matches the mistyped number, or not the corrected one")
        print("correction reached shop-b after \(String(format: "%.2f", Date().timeIntervalSince(started))) s (gossip every 0.3 s)")
        for node in ["hub", "shop-b"] {
            #expect(try matches(node, mistyped).isEmpty, "\(node) still matches the mistyped number")
            #expect(try matches(node, corrected).count == 1, "\(node): one record, not two")
        }

        // An amount corrected, then a payment: each reaches shop-b.
        try federation.mibarai(["report", "update", id, "--data-dir", dir.path("shop-a"), "--amount", "9800"])
        #expect(try federation.eventually { try matches("shop-b", corrected).first?["amount_yen"] as? Int == 9_800 },
                "shop-b never saw the corrected amount")
        try federation.mibarai(["report", "update", id, "--data-dir", dir.path("shop-a"), "--status", "paid"])
        #expect(try federation.eventually { try matches("shop-b", corrected).first?["status"] as? String == "paid" })
        #expect(try matches("shop-b", corrected).count == 1)
        let logs = [hub, a, b].map { $0.stdout + $0.stderr }.joined()
        #expect(!logs.lowercased().contains("equivocat"))
        #expect(!logs.contains(mistyped) && !logs.contains(corrected))
    }
}
