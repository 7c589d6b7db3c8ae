import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import X509
import MibaraiNode

extension Mibarai.NodeCommand {
    /// `mibarai node csr`: the join request to send the operator.
    struct CSR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csr",
            abstract: "参加申請を作る (TLS 鍵と封緘鍵を生成) / Make the join request for the operator (creates the TLS and sealing keys).",
            discussion: "申請には公開鍵とノード名だけが入ります。秘密鍵はデータディレクトリから出ません。 / The request holds public keys and the node's name only."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "書き出し先 (既定: 標準出力) / Write to this file (default: stdout).") var output: String?

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let signing = try NodeKeys.readNodeKey(node.directory.file(NodeKeys.nodeKeyFile))
                let files = NodeMembershipFiles(directory: node.directory.url)
                let (tls, sealing) = try files.keys()
                let request: MembershipRequest
                do {
                    request = try MembershipRequest.make(name: node.configuration.nodeID, signingKey: signing, sealingKey: sealing.publicKey, tlsKey: tls)
                } catch {
                    throw NodeError.data(ja: "参加申請を作れません (node_id を確認)", en: "cannot make the join request (check node_id)")
                }
                let text = String(decoding: try Console.jsonEncoder().encode(request), as: UTF8.self) + "\n"
                if let output {
                    try OutputFile.write(text, to: output)
                    if !global.json {
                        let short = NodeID(publicKey: signing.publicKey).short
                        console.say(
                            ja: "参加申請を書き出しました: \(output) (運営者に送り、ノード鍵 \(short) を電話などで伝えてください)",
                            en: "Wrote the join request to \(output): send it to the operator and read them node key \(short) by phone."
                        )
                    }
                }
                if output == nil || global.json { print(text, terminator: "") }
            }
        }
    }
}
