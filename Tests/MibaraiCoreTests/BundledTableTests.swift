@testable import MibaraiCore
import Testing

/// The tables shipped with the module load one way and fail one way: a clear error naming the
/// file and line, never a crash or a silently empty table.
@Suite("Bundled tables")
struct BundledTableTests {
    @Test func everyShippedTableLoads() throws {
        try VariantKanji.check()
        try NumberingPlan.check()
        #expect(try MailDomains.loaded.get().count > 80)
        #expect(NumberingPlan.count > 200)
        #expect(VariantKanji.count > 1_000)
        _ = try Normalizer.bundled()
    }

    @Test func aMissingTableIsAnErrorNamingIt() {
        let missing = BundledTable.text("no-such-table.tsv")
        #expect(missing == .failure(.missing("no-such-table.tsv")))
        if case .failure(let e) = missing {
            #expect(e.message.en.contains("no-such-table.tsv") && e.message.ja.contains("no-such-table.tsv"))
        }
    }

    @Test func aMalformedOrEmptyTableIsAnErrorNamingTheLine() {
        #expect(VariantKanji.parse("# comment\n髙\t高\nbroken line\n") == .failure(.malformed("itaiji.tsv", line: 3)))
        #expect(VariantKanji.parse("# only a comment\n") == .failure(.empty("itaiji.tsv")))
        #expect((try? VariantKanji.parse("髙\t高\n").get())?.count == 1)
        #expect(NumberingPlan.parse("# comment\n90\t10\tM\n90 10 M\n") == .failure(.malformed("numbering-plan.tsv", line: 3)))
        #expect(NumberingPlan.parse("# comment\n090\t10\tM\n") == .failure(.malformed("numbering-plan.tsv", line: 2)))
        #expect(NumberingPlan.parse("# only a comment\n") == .failure(.empty("numbering-plan.tsv")))
        #expect((try? NumberingPlan.parse("90\t10\tM\n3\t9\tF\n").get())?.count == 2)
    }
}
