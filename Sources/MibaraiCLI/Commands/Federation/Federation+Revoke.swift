import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation revoke NAME`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "参加者を失効させる / Revoke a member: every node refuses its connections and its later entries.",
            discussion: """
            運営者の記録に失効を追記し、その記録を --output に書きます。それを任意のノード (通常はハブ) で
            mibarai node operator-log FILE として取り込むと、ゴシップで全ノードに届きます。
            Appends the revocation to the operator's log and writes the log to --output; import it at any node
            (usually a hub) with mibarai node operator-log FILE and the gossip carries it to every node.
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Argument(help: "参加者の名前 (node_id) / The member's name (its node_id).") var name: String
        @Option(help: "理由 / Reason: key_compromise, left_federation, misbehaviour, unspecified.") var reason: String = "unspecified"
        @Option(name: .customLong("last-valid-seq"), help: """
            この番号までの記録は有効のまま (既定 0: 以後に届く記録はすべて拒否) / Entries up to this seq stay valid \
            (default 0: every entry of the member that arrives from now on is refused).
            """)
        var lastValidSeq: UInt64 = 0
        @Option(help: "運営者の記録の書き出し先 / Where to write the operator's log for the nodes.") var output: String

        func run() async throws {
            try await NodeError.guarded {
                guard let why = RevocationReason.allCases.first(where: { $0.name == reason }) else {
                    throw NodeError.usage(ja: "--reason は key_compromise, left_federation, misbehaviour, unspecified のいずれかです。",
                                         en: "--reason must be key_compromise, left_federation, misbehaviour or unspecified.")
                }
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (member, _) = try files.updatingLog(output: output) { log in
                    let member = try OperatorFiles.member(named: name, in: log)
                    guard log.revocations[member.member] == nil else {
                        throw NodeError.data(ja: "「\(name)」は失効済みです。", en: "\"\(name)\" is already revoked.")
                    }
                    try files.appendSigned(.revoke(Revocation(member: member.member, reason: why, lastValidSeq: lastValidSeq)), to: &log)
                    return member
                }
                if global.json {
                    struct Out: Encodable { var name: String; var nodeId: String; var reason: String; var lastValidSeq: UInt64; var output: String }
                    try global.console.emit(Out(name: name, nodeId: member.member.description, reason: why.name, lastValidSeq: lastValidSeq, output: output))
                } else {
                    global.console.say(
                        ja: "「\(name)」を失効させました。\(output) をノード (ハブ) で mibarai node operator-log として取り込んでください。",
                        en: "Revoked \"\(name)\". Import \(output) at a node (a hub) with mibarai node operator-log."
                    )
                    // The revoked member keeps the current blinding key until a new epoch starts.
                    global.console.say(
                        ja: "注意: 「\(name)」は今の照合鍵 (エポック) をまだ持っていて、それで作ったトークンは今の記録と照合できます。鍵を新しくするには mibarai federation epoch --operator-dir \(op.operatorDirectory) --output FILE を実行し、同じく取り込んでください (失効した参加者には新しい鍵は封じられません)。",
                        en: "Note: \"\(name)\" still holds the current blinding key (epoch), and tokens made with it still match today's records. To start a new epoch, run mibarai federation epoch --operator-dir \(op.operatorDirectory) --output FILE and import it the same way (a revoked member is sealed no new key)."
                    )
                }
            }
        }
    }
}
