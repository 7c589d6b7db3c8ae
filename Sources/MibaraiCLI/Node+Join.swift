import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import X509

extension Mibarai.NodeCommand {
    /// `mibarai node join BUNDLE`.
    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "運営者の参加バンドルを取り込む / Import the operator's join bundle."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "参加バンドル / The join bundle.") var bundle: String
        @Flag(help: "別の連合のルート証明書への置き換えを認める / Allow replacing the trusted root with another federation's.")
        var replace = false

        func run() async throws {
            try await CLIError.guarded {
                let node = try NodeContext.open(global)
                guard let data = FileManager.default.contents(atPath: bundle) else {
                    throw CLIError.noInput(ja: "参加バンドルを読めません: \(bundle)", en: "cannot read the join bundle \(bundle)")
                }
                let parsed: JoinBundle
                do { parsed = try OperatorFiles.decoder().decode(JoinBundle.self, from: data) } catch {
                    throw CLIError.data(ja: "参加バンドルの形式が不正です: \(bundle)", en: "\(bundle) is not a join bundle")
                }
                let signing = try NodeKeys.readNodeKey(node.directory.appendingPathComponent(NodeKeys.nodeKeyFile))
                let files = NodeMembershipFiles(directory: node.directory)
                let (tls, _) = try files.keys()
                let member: MemberCertificate
                let root: X509Certificate
                do {
                    (root, member, _) = try parsed.verified(nodeID: NodeID(publicKey: signing.publicKey), tlsPublicKey: .init(tls.publicKey), at: Date())
                } catch let e as MembershipError {
                    throw CLIError.data(e.message)
                }
                if !replace, let current = try? String(contentsOf: files.url("federation/root.pem"), encoding: .utf8),
                   let currentRoot = try? X509Certificate(pemEncoded: current), currentRoot != root {
                    throw CLIError.data(
                        ja: "このバンドルのルート証明書は、参加中の連合のものと異なります。意図した置き換えなら --replace を付けてください。",
                        en: "this bundle's root differs from the federation this node trusts; add --replace if that is intended."
                    )
                }
                if member.name != node.configuration.nodeID {
                    throw CLIError.data(
                        ja: "証明書の名前が mibarai.toml の node_id と異なります。",
                        en: "the certificate's name differs from node_id in mibarai.toml."
                    )
                }
                try files.install(parsed)
                try Show.print(member, federation: parsed.federation, operatorKey: parsed.operatorKey, root: root, console: node.console)
            }
        }
    }
}
