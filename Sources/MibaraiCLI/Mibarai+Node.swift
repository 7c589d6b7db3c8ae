import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import X509

typealias X509Certificate = X509.Certificate

extension Mibarai {
    /// `mibarai node …`: this node's membership in a federation.
    struct NodeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "node",
            abstract: "このノードの連合への参加 / This node's federation membership.",
            subcommands: [Request.self, Join.self, Show.self]
        )
    }
}

extension Mibarai.NodeCommand {
    /// `mibarai node csr`: the join request to send the operator.
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csr",
            abstract: "参加申請を作る (TLS 鍵と封緘鍵を生成) / Make the join request for the operator (creates the TLS and sealing keys).",
            discussion: "申請には公開鍵とノード名だけが入ります。秘密鍵はデータディレクトリから出ません。 / The request holds public keys and the node's name only."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "書き出し先 (既定: 標準出力) / Write to this file (default: stdout).") var output: String?

        func run() async throws {
            try await CLIError.guarded {
                let node = try NodeContext.open(global)
                let signing = try NodeKeys.readNodeKey(node.directory.appendingPathComponent(NodeKeys.nodeKeyFile))
                let files = NodeMembershipFiles(directory: node.directory)
                let (tls, sealing) = try files.keys()
                let request: MembershipRequest
                do {
                    request = try MembershipRequest.make(name: node.configuration.nodeID, signingKey: signing, sealingKey: sealing.publicKey, tlsKey: tls)
                } catch {
                    throw CLIError.data(ja: "参加申請を作れません (node_id を確認)", en: "cannot make the join request (check node_id)")
                }
                let text = String(decoding: try Console.jsonEncoder().encode(request), as: UTF8.self) + "\n"
                if let output {
                    try OutputFile.write(text, to: output)
                    if !global.json {
                        let short = NodeID(publicKey: signing.publicKey).short
                        node.console.say(
                            ja: "参加申請を書き出しました: \(output) (運営者に送り、ノード鍵 \(short) を電話などで伝えてください)",
                            en: "Wrote the join request to \(output): send it to the operator and read them node key \(short) by phone."
                        )
                    }
                }
                if output == nil || global.json { print(text, terminator: "") }
            }
        }
    }

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

    /// `mibarai node show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "連合での身元 / This node's membership.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLIError.guarded {
                let node = try NodeContext.open(global)
                let files = NodeMembershipFiles(directory: node.directory)
                let (member, info) = try files.member()
                guard let pem = try? String(contentsOf: files.url("federation/root.pem"), encoding: .utf8), let root = try? X509Certificate(pemEncoded: pem) else {
                    throw CLIError.data(ja: "ルート証明書が読めません。", en: "cannot read the federation root.")
                }
                try Self.print(member, federation: info.federation, operatorKey: info.operatorKey, root: root, console: node.console)
            }
        }

        static func print(_ m: MemberCertificate, federation: String, operatorKey: String, root: X509Certificate, console: Console) throws {
            let until = ISO8601DateFormatter().string(from: m.notValidAfter)
            let fingerprint = FederationAuthority.fingerprint(of: root)
            if console.json {
                struct Out: Encodable {
                    var federation: String; var name: String; var nodeId: String; var role: String; var region: String
                    var serial: String; var notValidAfter: String; var operatorKey: String; var rootFingerprint: String
                }
                try console.emit(Out(
                    federation: federation, name: m.name, nodeId: m.nodeID.description, role: m.role.name, region: m.region,
                    serial: m.serial, notValidAfter: until, operatorKey: operatorKey, rootFingerprint: fingerprint
                ))
            } else {
                console.say(
                    ja: "連合「\(federation)」の \(m.role == .hub ? "ハブ" : "店舗") \(m.name) (地域 \(m.region))、証明書は \(until) まで有効\nルート証明書の指紋 (運営者の告げたものと照合): \(fingerprint)",
                    en: "\(m.role.name) \(m.name) of the federation \"\(federation)\" (region \(m.region)), certificate valid until \(until)\nRoot fingerprint (compare with the operator's): \(fingerprint)"
                )
            }
        }
    }
}
