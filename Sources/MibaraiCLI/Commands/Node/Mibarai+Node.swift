import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import X509

extension Mibarai {
    /// `mibarai node …`: this node's membership in a federation.
    struct NodeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "node",
            abstract: "このノードの連合への参加 / This node's federation membership.",
            subcommands: [CSR.self, Join.self, Show.self, OperatorLog.self]
        )
    }
}
