import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import MibaraiStore
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
                let (tls, sealing) = try files.keys()
                let member: MemberCertificate
                let root: X509Certificate
                let operatorKey: NodeID
                do {
                    (root, member, operatorKey) = try parsed.verified(nodeID: NodeID(publicKey: signing.publicKey), tlsPublicKey: .init(tls.publicKey), at: Date())
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
                let me = NodeID(publicKey: signing.publicKey)
                let (operatorLog, epochKeys) = try Self.verifiedOperatorLog(parsed, operator: operatorKey, me: me, sealing: sealing)
                try files.install(parsed)
                if let newest = epochKeys.max(by: { $0.epoch < $1.epoch }) {
                    // The federation's blinding key replaces the node's own; its reports are blinded again.
                    let today = NodeContext.todayInJapan()
                    try NodeKeys.replaceKeyring(Keyring(primary: newest, older: epochKeys),
                                                adoptedOn: Dictionary(epochKeys.map { ($0.epoch, today) }) { a, _ in a },
                                                at: node.directory.appendingPathComponent(NodeKeys.federationKeysFile))
                    try NodeContext.open(global).reblindOwnReports()
                }
                do throws(StoreError) { try node.database.enqueueLogEntries(operatorLog) } catch { throw CLIError.store(error) }
                try Show.print(member, federation: parsed.federation, operatorKey: parsed.operatorKey, root: root, console: node.console)
            }
        }

        /// The bundle's operator log, verified from its first entry: it must admit this node and
        /// seal it at least one epoch key. Returns the entries and the keys it opens.
        static func verifiedOperatorLog(
            _ bundle: JoinBundle, operator op: NodeID, me: NodeID, sealing: Curve25519.KeyAgreement.PrivateKey
        ) throws(CLIError) -> ([[UInt8]], [EpochKey]) {
            guard let lines = bundle.operatorLog else {
                throw CLIError.data(
                    ja: "参加バンドルに運営者の記録がありません (古い版の mibarai で発行されたもの)。運営者に再発行を依頼してください。",
                    en: "the join bundle carries no operator log (issued by an older mibarai): ask the operator to issue it again."
                )
            }
            let (log, entries) = try OperatorLogUpdate.verified(lines, operator: op)
            guard log.members[me] != nil, log.revocations[me] == nil else {
                throw CLIError.data(ja: "運営者の記録がこのノードを承認していません。", en: "the operator's log does not admit this node.")
            }
            var keys: [UInt32: EpochKey] = [:]
            for sealed in log.sealedEpochKeys {
                if let k = sealed.open(for: me, sealingKey: sealing, operator: op) { keys[k.epoch] = k }
            }
            guard !keys.isEmpty else {
                throw CLIError.data(ja: "運営者の記録にこのノード宛ての照合鍵がありません (封緘鍵を確認)。", en: "the operator's log seals no blinding key to this node (check the sealing key).")
            }
            return (entries, keys.values.sorted { $0.epoch < $1.epoch })
        }
    }
}
