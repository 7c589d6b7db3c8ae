import MibaraiCore

extension Console {
    /// A screened order for people: the decision and score, each rule with its weight, then the
    /// federation lookup behind the `federation_*` rules.
    func printScreening(_ result: ScreeningResult) {
        say(ja: "判定: \(result.decision.label.ja) (スコア \(result.score))", en: "decision: \(result.decision.label.en) (score \(result.score))")
        if result.allowListed {
            say(ja: "  許可リストの顧客: 他店の報告との一致のみ数えました", en: "  allow-listed customer: only federation matches counted")
        }
        for c in result.contributions {
            let sign = c.weight < 0 ? "" : "+"
            say(ja: "  \(sign)\(c.weight) \(c.reason.ja)", en: "  \(sign)\(c.weight) \(c.reason.en)")
        }
        if result.contributions.isEmpty {
            say(ja: "  該当するルールはありません", en: "  no rule fired")
        }
        // A federation rule's reason may already give the lookup's summary: then it is not repeated.
        let headline = result.lookup.headline.text(language)
        let said = result.contributions.contains { $0.reason.text(language).contains(headline) }
        printResult(result.lookup, headline: !said)
        if let call = result.confirmationCall {
            say(ja: "確認の電話 (例):", en: "Confirmation call (a script):")
            for line in call.text(language).split(separator: "\n") { print("  " + line) }
        }
    }
}
