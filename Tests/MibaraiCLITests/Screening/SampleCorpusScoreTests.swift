import Foundation
import MibaraiTestSupport
import Testing

/// `mibarai normalize` over the shared sample corpus, scored by the corpus's own scorer.
///
/// The corpus lives beside the checkout (`../shared/identity-samples`); CI always has it, so under
/// CI (`CI` set) its absence is a failure, not a skip.
@Suite("Sample corpus score")
struct SampleCorpusScoreTests {
    static let corpusDir = ProjectPaths.shared("identity-samples")
    static let required = ProcessInfo.processInfo.environment["CI"] != nil

    @Test(
        "per-field recall ≥ 0.998 and hard false-match rate ≤ 0.0002",
        .enabled(if: corpusDir != nil || required, "../shared/identity-samples is not beside this checkout")
    )
    func normaliserMeetsTheTargets() throws {
        let dir = try #require(Self.corpusDir, "../shared/identity-samples is missing")
        let corpus = dir.appendingPathComponent("dev-v1.jsonl")
        let tmp = TemporaryDirectory("mibarai-score")
        let normalized = try CommandRunner.mibarai(["normalize", "--data-dir", tmp.path("no-node")], stdin: try Data(contentsOf: corpus))
        #expect(normalized.status == 0, "\(normalized.stderr)")
        let out = tmp.path("out.jsonl")
        try normalized.stdoutData.write(to: URL(fileURLWithPath: out))
        let scored = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", dir.appendingPathComponent("score.py").path, out, "--corpus", corpus.path, "--json"]
        )
        #expect(scored.status == 0, "\(scored.stderr)")
        let last = try #require(scored.stdout.split(separator: "\n").last)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let fields = try #require(summary["fields"] as? [String: [String: Any]])
        #expect(fields.count == 6)
        for (field, s) in fields.sorted(by: { $0.key < $1.key }) {
            let recall = try #require(s["recall"] as? Double)
            let fmrHard = try #require(s["fmr_hard"] as? Double)
            #expect(recall >= 0.998, "\(field) recall \(recall)")
            #expect(fmrHard <= 0.0002, "\(field) FMR_hard \(fmrHard)")
        }
    }
}
