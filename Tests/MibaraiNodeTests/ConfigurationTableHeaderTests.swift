@testable import MibaraiNode
import Testing

/// Table headers that do not start with a key, and `}` inside an array: toml++ (under TOMLKit)
/// asserts on them and the process aborted; `NodeConfiguration.parse` now refuses them as
/// invalid TOML (found by Fuzz/NodeConfigurationFuzz).
@Suite("Configuration table headers")
struct ConfigurationTableHeaderTests {
    @Test(arguments: [
        "[\u{FFFD}", "[é]", "[スクリーニング]", "[=]", "[.]", "[#]", "[[=]]", "[[ =]]", "[\t=]", "[\n]",
        "node_id = \"a\"\n\n[screening]\n[?]\n", "\u{FEFF}[=]",
        "o=[}", "o=[1,}", "o=[\n}", "o=[#c\n}", "o=[[}]]", "o={a=[}]}",
    ])
    func aHeaderWithoutAKeyIsRefused(_ text: String) {
        #expect {
            _ = try NodeConfiguration.parse(text)
        } throws: { error in
            let message = (error as? NodeError)?.message
            return (error as? NodeError)?.category == .data && message?.en.contains("is not valid TOML: line") == true
                && message?.ja.contains("行目") == true
        }
    }

    @Test func theLineIsNamed() {
        #expect {
            _ = try NodeConfiguration.parse("node_id = \"a\"\n# [=]\n[screening]\n\n[=]\n")
        } throws: { error in (error as? NodeError)?.message.en.contains("line 5") == true }
    }

    @Test func bracketsInValuesStringsAndCommentsAreNoHeaders() throws {
        let text = """
        node_id = "shop-a" # [=]
        [screening]
        set_skus = [
          "[=]",
          'a[é]',
        ]
        forwarding_words = [\"\"\"
        [=] 転送
        \"\"\"]
        [ "federation" ]
        """
        let configuration = try NodeConfiguration.parse(text)
        #expect(configuration.screening.setSKUs.contains("[=]"))
        // The template `mibarai init` writes still reads.
        _ = try NodeConfiguration.parse(configuration.template)
    }

    @Test func keylessHeadersAreFoundOnlyWhereAHeaderCanStand() {
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "a = [\n[1], [2]\n]\n") == nil)
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "a = \"\"\"\n[=]\n\"\"\"\n") == nil)
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "a = '''\n[=]\n'''\n") == nil)
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "[ [a]]\n") == nil) // toml++ refuses it itself
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "[]\n[[]]\n") == nil) // blank: toml++ refuses it itself
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "a = \"x\\\"[\"\n[=]\n") == 2)
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "a = [{ b = [1] }, { c = \"}\" }]\n") == nil)
        #expect(TOMLTableHeaders.firstKeylessHeader(in: "a = [\n1,\n}") == 3)
    }
}
