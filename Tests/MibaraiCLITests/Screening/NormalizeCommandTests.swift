import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

@Suite("mibarai normalize")
struct NormalizeCommandTests {
    @Test func passesOtherKeysThroughInOrderAndNullsUnusableFields() throws {
        let input = """
        {"id":"a","variant":0,"phone":"０９０-１２３４-５６７８","email":"","extra":{"k":[1,2]}}

        {"id":"b","name":"  見本　太郎 ","postal_code":"〒１３５－００４５"}
        """
        let dir = TemporaryDirectory()
        let r = try CommandRunner.mibarai(["normalize", "--data-dir", dir.path("none")], stdin: Data(input.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 2)
        #expect(lines[0]["id"] as? String == "a")
        #expect(lines[0]["variant"] as? Int == 0)
        #expect((lines[0]["extra"] as? [String: Any])?["k"] as? [Int] == [1, 2])
        #expect(lines[0]["phone"] as? String == "+819012345678")
        #expect(lines[0]["email"] is NSNull)
        #expect(lines[0]["address"] is NSNull)
        #expect(lines[1]["name"] as? String == "見本太郎")
        #expect(lines[1]["postal_code"] as? String == "1350045")
        #expect(lines[0]["tokens"] == nil)
    }

    @Test func addsTokensWhenTheNodeHasAKey() throws {
        let dir = TemporaryDirectory()
        let node = dir.path("node")
        #expect(try CommandRunner.mibarai(["init", "--data-dir", node]).status == 0)
        let input = Data("{\"phone\":\"090-1234-5678\"}\n{\"phone\":\"+81 90 1234 5678\"}\n".utf8)
        let r = try CommandRunner.mibarai(["normalize", "--data-dir", node], stdin: input)
        let lines = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let t0 = try #require((lines[0]["tokens"] as? [String: String])?["phone"])
        #expect(t0.count == 32)
        #expect((lines[1]["tokens"] as? [String: String])?["phone"] == t0)
        #expect(!r.stdout.contains("090-1234-5678"))
    }
}
