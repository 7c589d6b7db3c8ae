import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiMembership

extension Mibarai.FederationCommand {
    struct OperatorOptions: ParsableArguments {
        @Option(name: .customLong("operator-dir"), help: "運営者のディレクトリ (ルート鍵を含む、0700) / The operator's directory (holds the root key).")
        var operatorDirectory: String
    }
}
