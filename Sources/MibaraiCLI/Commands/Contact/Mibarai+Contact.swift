import ArgumentParser

extension Mibarai {
    /// `mibarai contact …`: shops that work a repeat offender together, through sealed messages.
    struct ContactCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contact",
            abstract: "同じ相手の被害を受けた店舗と連絡を取る / Get in touch with shops a customer also hurt.",
            discussion: """
            照合で一致した他店の報告の元の店舗に、連合を通じて連絡を依頼できます。メッセージは相手の店舗の鍵で封緘され、
            他のノードは読めません。顧客の個人情報は送られません (当店の店名と連絡先は [shop] から添えます)。
            From a match, ask the shop that reported the record to get in touch, through the federation. The message is
            sealed to that shop's key: no other node can read it. No customer data is sent (your shop's name and
            contact come from [shop]).
              mibarai contact request 5a5a…(報告ID) --case 3 --message "同じ方と思われる未払いがあります"
              mibarai contact list
              mibarai contact answer 3c3c…(依頼ID) --share
              mibarai case evidence 3 --joint
            """,
            subcommands: [Request.self, List.self, Answer.self]
        )
    }
}
