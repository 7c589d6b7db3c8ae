import ArgumentParser

/// The `mibarai` command: one root, subcommands in `Mibarai+<Subcommand>.swift`.
public struct Mibarai: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mibarai",
        abstract: "未払い・受取拒否の情報を店舗間で安全に共有するノード / A node of the Mibarai shop network.",
        subcommands: [Init.self, ReportCommand.self, Check.self, Normalize.self, CaseCommand.self, Damage.self, Guide.self, Serve.self, Sync.self, Backup.self, Restore.self, Audit.self, FederationCommand.self, NodeCommand.self, WebCommand.self, ContactCommand.self]
    )
    public init() {}
}
