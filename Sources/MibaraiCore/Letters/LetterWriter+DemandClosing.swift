extension LetterWriter {
    /// A 内容証明 of the ladder: its title, the addressee, the facts (`statement`, one paragraph
    /// a line), and ``demandClosing(_:today:)``; due the configured days after it arrives.
    func formalDemandLetter(title: String, statement: String, _ f: Fields, today: LocalDate) -> Letter {
        Letter(
            stage: .formalDemand, medium: "naiyo-shomei",
            subject: title,
            body: """
            \(title)

            \(f.customerAddressLine)
            \(f.customer)　殿

            \(statement)
            \(demandClosing(f, today: today))
            """,
            deadline: today.adding(days: policy.formalDemandDeadlineDays)
        )
    }

    /// The end every 内容証明 of the ladder shares: the demand with its period from arrival, what
    /// follows if it is not met, where to pay, the date and the sender (with its 〒).
    func demandClosing(_ f: Fields, today: LocalDate) -> String {
        """
        よって、本書面到達後\(policy.formalDemandDeadlineDays)日以内に、上記\(f.owedNoun)を下記口座へ支払うよう請求します。
        期限内に支払いがない場合は、支払督促の申立て等の法的手続きをとります。

        振込先　\(shop.bankAccount ?? "（振込先）")

        \(JapaneseDate.long(today))

        \(shop.postalCode.map { "〒\($0)　" } ?? "")\(shop.address ?? "（住所）")
        \(shop.name)
        \(shop.representative ?? "（代表者）")
        """
    }

    /// The first lines of both court drafts: the title and how to name the parties.
    static let courtDraftHeading = """
        支払督促申立て・少額訴訟の要点 (下書き)
        (支払督促では申立人を債権者・相手方を債務者、少額訴訟では原告・被告と書き換えてください。当事者が会社なら会社名と代表者を書きます)
        """
}
