import ArgumentParser

extension Mibarai {
    /// `mibarai web …`: the shop owner's web page that `mibarai serve` serves.
    struct WebCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "web",
            abstract: "ウェブページ (mibarai serve が http://127.0.0.1:8722/ で提供) / The web page `mibarai serve` serves on http://127.0.0.1:8722/.",
            subcommands: [Password.self]
        )
    }
}
