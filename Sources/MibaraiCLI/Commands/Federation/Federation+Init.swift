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
        @Option(help: "hubs (既定: 他店の記録はハブだけが持つ) または all (全ノードが持つ) / hubs (the default: only hubs hold other shops' records) or all (every node does).")
        var replicas: String = "hubs"

        func run() async throws {
            try await NodeError.guarded {
                guard (1...36_500).contains(days) else { throw NodeError.usage(ja: "--days は 1〜36500 です。", en: "--days must be 1 to 36500.") }
                guard let policy = ReplicaPolicy(name: replicas.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw NodeError.usage(ja: "--replicas は hubs か all です。", en: "--replicas is hubs or all.")
                }
                let dir = URL(fileURLWithPath: op.operatorDirectory)
                let (authority, operatorKey) = try OperatorFiles.create(at: dir, name: name, now: Date(), validityDays: days)
                // Under `hubs` the policy is the log's first entry, so every member's join bundle
                // carries it (a version-5 kind: nodes that speak only version 4 get no further in
                // the operator's log, `Protocol/federation.md` "Versions"). `all` is what a log
                // without a policy means, and writes none.
                if policy == .hubs {
                    let files = OperatorFiles(directory: dir)
                    var log = try files.log(operator: operatorKey)
                    try files.appendSigned(.policy(FederationPolicy(replicas: policy)), to: &log)
                }
                let console = global.console
                if global.json {
                    struct Out: Encodable { var federation: String; var operatorKey: String; var replicas: String; var root: String; var rootFingerprint: String; var notValidAfter: String }
                    try console.emit(Out(
                        federation: authority.name, operatorKey: operatorKey.description, replicas: policy.name, root: dir.appendingPathComponent("root.pem").path,
                        rootFingerprint: FederationAuthority.fingerprint(of: authority.root),
                        notValidAfter: ISO8601DateFormatter().string(from: authority.root.notValidAfter)
                    ))
                } else {
                    console.say(
                        ja: "連合「\(authority.name)」を作成しました: \(dir.path) (root.key と operator.key は厳重に保管してください)\nルート証明書の指紋 (参加者に伝えて照合): \(FederationAuthority.fingerprint(of: authority.root))\n方針: replicas = \(policy.name)\(policy == .hubs ? " (他店の記録はハブだけが持ち、店舗はハブに照会します)" : " (全ノードが全店の記録を持ちます)")",
                        en: "Created the federation \"\(authority.name)\" in \(dir.path) (keep root.key and operator.key safe, offline if you can)\nRoot fingerprint (tell members, they compare it): \(FederationAuthority.fingerprint(of: authority.root))\nPolicy: replicas = \(policy.name)\(policy == .hubs ? " (only hubs hold other shops' records; shops look up through them)" : " (every node holds every shop's records)")"
                    )
                }
            }
        }
    }
}
