import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiMembership
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation init`.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "連合を作る: ルート証明書と運営者の署名鍵 / Create a federation: its root certificate and the operator's log key."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Option(help: "連合の名前 (英数字と - _ .) / The federation's name.") var name: String
        @Option(help: "ルート証明書の有効日数 / Days the root is valid.") var days: Int = 3_650

        func run() async throws {
            try await NodeError.guarded {
                guard (1...36_500).contains(days) else { throw NodeError.usage(ja: "--days は 1〜36500 です。", en: "--days must be 1 to 36500.") }
                let dir = URL(fileURLWithPath: op.operatorDirectory)
                let (authority, operatorKey) = try OperatorFiles.create(at: dir, name: name, now: Date(), validityDays: days)
                let console = global.console
                if global.json {
                    struct Out: Encodable { var federation: String; var operatorKey: String; var root: String; var rootFingerprint: String; var notValidAfter: String }
                    try console.emit(Out(
                        federation: authority.name, operatorKey: operatorKey.description, root: dir.appendingPathComponent("root.pem").path,
                        rootFingerprint: FederationAuthority.fingerprint(of: authority.root),
                        notValidAfter: ISO8601DateFormatter().string(from: authority.root.notValidAfter)
                    ))
                } else {
                    console.say(
                        ja: "連合「\(authority.name)」を作成しました: \(dir.path) (root.key と operator.key は厳重に保管してください)\nルート証明書の指紋 (参加者に伝えて照合): \(FederationAuthority.fingerprint(of: authority.root))",
                        en: "Created the federation \"\(authority.name)\" in \(dir.path) (keep root.key and operator.key safe, offline if you can)\nRoot fingerprint (tell members, they compare it): \(FederationAuthority.fingerprint(of: authority.root))"
                    )
                }
            }
        }
    }
}
