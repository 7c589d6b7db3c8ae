import MibaraiCore

extension Node {
    /// A rung's text for a case, as `case letter` and the web page show it.
    public struct LetterDraft: Sendable {
        public var stage: DunningStage
        public var letter: Letter
        /// What the shop should know before sending it (a 局留め addressee, a 後払い service …).
        public var warnings: [Localized]
        /// The 内容証明 laid out on its grid, when asked for.
        public var document: NaiyoShomeiDocument?

        /// The text to send: the grid's when laid out, else the letter's (a mail with its subject).
        public var text: String { document?.text ?? letter.text }
    }

    /// Writes the letter or mail of `stage` (default: the rung the case is due for) for case
    /// `number`. A 内容証明 layout (`naiyoShomei`) applies to the formal demand only. Throws when
    /// the shop's details the text needs are missing from `mibarai.toml`, or when a formal demand
    /// lacks the customer's name or address.
    public func letter(forCase number: Int, stage: DunningStage? = nil, naiyoShomei format: NaiyoShomeiFormat? = nil) throws(NodeError) -> LetterDraft {
        let c = try findCase(number)
        let shop = try shopProfile()
        let rung = stage ?? c.suggestedStage(policy: dunning)
        let missing = shop.missingDetails(for: rung)
        if !missing.isEmpty {
            let keys = missing.joined(separator: ", ")
            throw .data(ja: "この文面には mibarai.toml の \(keys) が必要です。", en: "this letter needs \(keys) in mibarai.toml.")
        }
        if format != nil, rung != .formalDemand {
            throw .usage(
                ja: "内容証明の書式は内容証明の段階 (formal-demand) の文面にだけ使えます。",
                en: "the 内容証明 layout applies to the formal demand only (formal-demand)."
            )
        }
        if rung == .formalDemand, c.identity.name == nil || c.identity.address == nil {
            throw .data(
                ja: "内容証明には相手方の氏名と住所が必要です (案件に記録されていません)。",
                en: "a formal demand needs the customer's name and address, which this case lacks."
            )
        }
        let writer = LetterWriter(shop: shop, policy: dunning)
        let letter = writer.letter(for: rung, case: c, today: today)
        var document: NaiyoShomeiDocument?
        if let format {
            do throws(NaiyoShomeiError) { document = try NaiyoShomeiLayout(format: format).layOut(letter.body) } catch {
                throw .data(error.message)
            }
        }
        return LetterDraft(stage: rung, letter: letter, warnings: writer.warnings(for: rung, case: c), document: document)
    }
}
