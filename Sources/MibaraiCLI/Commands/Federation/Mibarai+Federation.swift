import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiMembership

extension Mibarai {
    /// `mibarai federation …`: the operator's commands (the association that runs the federation).
    struct FederationCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "federation",
            abstract: "連合の運営者のコマンド (ルート証明書・参加証明書の発行) / Operator commands: the federation root and member certificates.",
            discussion: """
            流れ / Flow:
              運営者 / operator:  mibarai federation init --operator-dir ./kanto-op --name kanto-assoc
              店舗 / shop:        mibarai node csr --output join-request.json
              運営者 / operator:  mibarai federation issue join-request.json --operator-dir ./kanto-op --role shop --region kanto --output bundle.json
              店舗 / shop:        mibarai node join bundle.json
            """,
            subcommands: [Init.self, Issue.self, Revoke.self, Epoch.self, Policy.self, Quota.self, Suppress.self, Lift.self, SubjectRequest.self, SubjectRequests.self, SubjectReply.self, Notice.self]
        )
    }
}
