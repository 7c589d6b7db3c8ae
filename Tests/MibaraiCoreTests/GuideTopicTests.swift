import MibaraiCore
import Testing

@Suite("Guide")
struct GuideTopicTests {
    @Test(arguments: GuideTopic.allCases)
    func everyTopicHasBothLanguagesAndIsFoundByItsName(_ topic: GuideTopic) {
        #expect(!topic.title.ja.isEmpty && !topic.title.en.isEmpty)
        #expect(topic.body.ja.count > 200 && topic.body.en.count > 200)
        #expect(GuideTopic(name: " \(topic.rawValue.uppercased()) ") == topic)
        // The Japanese text is Japanese: mostly not ASCII.
        let ascii = topic.body.ja.unicodeScalars.filter(\.isASCII).count
        #expect(ascii * 2 < topic.body.ja.unicodeScalars.count)
    }

    /// What shops asked the guide to cover, each in both languages.
    @Test func theGuideCoversComplaintsChargebacksAndTheConfirmationCall() throws {
        let complaints = try #require(GuideTopic(name: "complaints")).body
        #expect(complaints.ja.contains("三現主義") && complaints.ja.contains("返品特約") && complaints.ja.contains("#9110"))
        #expect(complaints.en.contains("return clause") && complaints.en.contains("Never report a"))

        let chargebacks = try #require(GuideTopic(name: "chargebacks")).body
        #expect(chargebacks.ja.contains("3-D セキュア") && chargebacks.en.contains("3-D Secure"))
        #expect(chargebacks.ja.contains("名義を使われた人を報告しないでください"))
        #expect(chargebacks.en.contains("never report the person whose name was used"))

        let call = try #require(GuideTopic(name: "call")).body
        #expect(call.ja.contains("注文に書かれた電話番号") && call.en.contains("Call the number on the order"))
        // The call never discloses what other shops shared.
        #expect(call.ja.contains("ほかの店の報告があること") && call.en.contains("other shops' reports"))
    }

    /// The ladder sends a shop to those who help shops, with the court steps' deadlines.
    @Test func theLadderNamesTheRightHelpAndTheCourtDeadlines() {
        let ladder = GuideTopic.ladder.body
        #expect(!ladder.ja.contains("消費生活センター") && !ladder.en.contains("consumer affairs"))
        for fact in ["認定司法書士", "30日以内に仮執行宣言", "契印", "e内容証明", "#9110", "支払いをすべき場所"] {
            #expect(ladder.ja.contains(fact), "\(fact)")
        }
        for fact in ["認定司法書士", "within the next 30", "契印", "#9110", "place of payment"] {
            #expect(ladder.en.contains(fact), "\(fact)")
        }
    }
}
