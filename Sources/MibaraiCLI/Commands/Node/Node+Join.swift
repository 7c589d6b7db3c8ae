import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import MibaraiStore
import X509
import MibaraiNode

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
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                guard let data = FileManager.default.contents(atPath: bundle) else {
                    throw NodeError.noInput(ja: "参加バンドルを読めません: \(bundle)", en: "cannot read the join bundle \(bundle)")
                }
                let parsed: JoinBundle
                do { parsed = try OperatorFiles.decoder().decode(JoinBundle.self, from: data) } catch {
                    throw NodeError.data(ja: "参加バンドルの形式が不正です: \(bundle)", en: "\(bundle) is not a join bundle")
                }
                let signing = try NodeKeys.readNodeKey(node.directory.file(NodeKeys.nodeKeyFile))
                let files = NodeMembershipFiles(directory: node.directory.url)
                let (tls, sealing) = try files.keys()
                let member: MemberCertificate
                let root: X509Certificate
                let operatorKey: NodeID
                do {
                    (root, member, operatorKey) = try parsed.verified(nodeID: NodeID(publicKey: signing.publicKey), tlsPublicKey: .init(tls.publicKey), at: Date())
                } catch let e as MembershipError {
                    throw NodeError.data(e.message)
                }
                if !replace, let current = try? String(contentsOf: files.url("federation/root.pem"), encoding: .utf8),
                   let currentRoot = try? X509Certificate(pemEncoded: current), currentRoot != root {
                    throw NodeError.data(
                        ja: "このバンドルのルート証明書は、参加中の連合のものと異なります。意図した置き換えなら --replace を付けてください。",
                        en: "this bundle's root differs from the federation this node trusts; add --replace if that is intended."
                    )
                }
                if member.name != node.configuration.nodeID {
                    throw NodeError.data(
                        ja: "証明書の名前が mibarai.toml の node_id と異なります。",
                        en: "the certificate's name differs from node_id in mibarai.toml."
                    )
                }
                let me = NodeID(publicKey: signing.publicKey)
                let (operatorLog, epochKeys) = try Self.verifiedOperatorLog(parsed, operator: operatorKey, me: me, sealing: sealing)
                try files.install(parsed)
                // The federation's blinding keys replace the node's own; its reports are blinded
                // again. A hub takes none: it holds other shops' records, never the key that made them.
                if member.role == .shop { try node.adopt(epochKeys, replacing: true)?.reblindOwnReports() }
                try node.enqueueLogEntries(operatorLog)
                try Show.print(member, federation: parsed.federation, operatorKey: parsed.operatorKey, root: root, console: console)
            }
        }

        /// The bundle's operator log, verified from its first entry: it must admit this node and,
        /// for a shop, seal it at least one epoch key. Returns the entries and the keys it opens
        /// (none for a hub: a box sealed to a hub is left unopened).
        static func verifiedOperatorLog(
            _ bundle: JoinBundle, operator op: NodeID, me: NodeID, sealing: Curve25519.KeyAgreement.PrivateKey
        ) throws(NodeError) -> ([[UInt8]], [EpochKey]) {
            guard let lines = bundle.operatorLog else {
                throw NodeError.data(
                    ja: "参加バンドルに運営者の記録がありません (古い版の mibarai で発行されたもの)。運営者に再発行を依頼してください。",
                    en: "the join bundle carries no operator log (issued by an older mibarai): ask the operator to issue it again."
                )
            }
            let (log, entries) = try OperatorLogUpdate.verified(lines, operator: op)
            guard log.members[me] != nil, log.revocations[me] == nil else {
                throw NodeError.data(ja: "運営者の記録がこのノードを承認していません。", en: "the operator's log does not admit this node.")
            }
            guard log.members[me]?.role == .shop else { return (entries, []) }
            var keys: [UInt32: EpochKey] = [:]
            for sealed in log.sealedEpochKeys {
                if let k = sealed.open(for: me, sealingKey: sealing, operator: op) { keys[k.epoch] = k }
            }
            guard !keys.isEmpty else {
                throw NodeError.data(ja: "運営者の記録にこのノード宛ての照合鍵がありません (封緘鍵を確認)。", en: "the operator's log seals no blinding key to this node (check the sealing key).")
            }
            return (entries, keys.values.sorted { $0.epoch < $1.epoch })
        }
    }
}
