import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiMembership

extension Mibarai {
    /// `mibarai federation …`: the operator's commands (the association that runs the federation).
    struct FederationCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "federation",
            abstract: "連合の運営者のコマンド (ルート証明書・参加証明書の発行) / Operator commands: the federation root and member certificates.",
            discussion: """
            流れ / Flow:
              運営者 / operator:  mibarai federation init --operator-dir ./kanto-op --name kanto-assoc
              店舗 / shop:        mibarai node csr --output join-request.json
              運営者 / operator:  mibarai federation issue join-request.json --operator-dir ./kanto-op --role shop --region kanto --output bundle.json
              店舗 / shop:        mibarai node join bundle.json
            """,
            subcommands: [Create.self, Issue.self]
        )
    }
}

extension Mibarai.FederationCommand {
    struct OperatorOptions: ParsableArguments {
        @Option(name: .customLong("operator-dir"), help: "運営者のディレクトリ (ルート鍵を含む、0700) / The operator's directory (holds the root key).")
        var operatorDirectory: String
    }

    /// `mibarai federation init`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "連合を作る: ルート証明書と運営者の署名鍵 / Create a federation: its root certificate and the operator's log key."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Option(help: "連合の名前 (英数字と - _ .) / The federation's name.") var name: String
        @Option(help: "ルート証明書の有効日数 / Days the root is valid.") var days: Int = 3_650

        func run() async throws {
            try await CLIError.guarded {
                guard (1...36_500).contains(days) else { throw CLIError.usage(ja: "--days は 1〜36500 です。", en: "--days must be 1 to 36500.") }
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

    /// `mibarai federation issue REQUEST`.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "参加申請に証明書を発行し、参加バンドルを作る / Issue a member certificate for a join request and write the join bundle."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Argument(help: "参加申請ファイル (mibarai node csr の出力) / The join request (from mibarai node csr).") var request: String
        @Option(help: "役割 / Role: shop, hub.") var role: String
        @Option(help: "地域 (英小文字・数字・-) / Region (a-z, 0-9, -).") var region: String
        @Option(help: "証明書の有効日数 / Days the certificate is valid.") var days: Int = 365
        @Option(help: "参加バンドルの書き出し先 / Where to write the join bundle.") var output: String
        @Option(name: .customLong("not-before"), help: "有効期間の開始日 (既定: 今) / First day of validity (default: now), YYYY-MM-DD.")
        var notBefore: String?

        func run() async throws {
            try await CLIError.guarded {
                guard let role = MemberRole.allCases.first(where: { $0.name == role }) else {
                    throw CLIError.data(ja: "--role は shop か hub です。", en: "--role must be shop or hub.")
                }
                guard MemberName.isValidLabel(region) else {
                    throw CLIError.data(ja: "--region は英小文字・数字・- で指定してください。", en: "--region must be lower-case letters, digits and '-'.")
                }
                guard (1...3_650).contains(days) else { throw CLIError.usage(ja: "--days は 1〜3650 です。", en: "--days must be 1 to 3650.") }
                guard let data = FileManager.default.contents(atPath: request) else {
                    throw CLIError.noInput(ja: "参加申請を読めません: \(request)", en: "cannot read the join request \(request)")
                }
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (authority, operatorKey) = try files.open()
                let parsed: MembershipRequest
                do { parsed = try OperatorFiles.decoder().decode(MembershipRequest.self, from: data) } catch {
                    throw CLIError.data(ja: "参加申請の形式が不正です: \(request)", en: "\(request) is not a join request")
                }
                let verified: MembershipRequest.Verified
                do { verified = try parsed.verified() } catch let e as MembershipError { throw CLIError.data(e.message) }
                let now = Date()
                var start: Date?
                if let day = try InputParsing.date(notBefore, option: "not-before") {
                    start = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400)
                }
                let certificate: X509Certificate
                do {
                    certificate = try authority.issue(verified, role: role, region: region, now: now, validityDays: days, notValidBefore: start)
                } catch let e as MembershipError {
                    throw CLIError.data(e.message)
                }
                // One name per member: a name already issued to another node key is refused (a
                // renewal for the same key is fine).
                if let taken = files.issued().first(where: { $0.name == verified.name && $0.nodeId != verified.nodeID.description }) {
                    throw CLIError.data(
                        ja: "名前「\(taken.name)」は別のノード鍵に発行済みです。node_id を変えて申請し直してください。",
                        en: "the name \"\(taken.name)\" was issued to another node key: ask for a request with another node_id."
                    )
                }
                let bundle = try JoinBundle(federation: authority.name, root: authority.root, certificate: certificate, operatorKey: operatorKey)
                let member = try MemberCertificate(certificate)
                // The ledger line first: a certificate that is out is always on record.
                try files.record(.init(
                    serial: member.serial, name: member.name, nodeId: member.nodeID.description, role: role.name, region: region,
                    notValidAfter: ISO8601DateFormatter().string(from: member.notValidAfter)
                ))
                try OutputFile.write(String(decoding: try Console.jsonEncoder().encode(bundle), as: UTF8.self) + "\n", to: output)
                let console = global.console
                if global.json {
                    struct Out: Encodable { var name: String; var nodeId: String; var role: String; var region: String; var serial: String; var output: String }
                    try console.emit(Out(name: member.name, nodeId: member.nodeID.description, role: role.name, region: region, serial: member.serial, output: output))
                } else {
                    console.say(
                        ja: "「\(member.name)」(\(role.name)、\(region)) の証明書を発行しました: \(output)\nノード鍵 \(member.nodeID.short) を申請者と電話などで照合してください。",
                        en: "Issued a certificate for \"\(member.name)\" (\(role.name), \(region)): \(output)\nCompare node key \(member.nodeID.short) with the member by phone."
                    )
                }
            }
        }
    }
}
