import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiMembership
import MibaraiNode

extension Mibarai.FederationCommand {
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
            try await NodeError.guarded {
                guard let role = MemberRole.allCases.first(where: { $0.name == role }) else {
                    throw NodeError.data(ja: "--role は shop か hub です。", en: "--role must be shop or hub.")
                }
                guard MemberName.isValidLabel(region) else {
                    throw NodeError.data(ja: "--region は英小文字・数字・- で指定してください。", en: "--region must be lower-case letters, digits and '-'.")
                }
                guard (1...3_650).contains(days) else { throw NodeError.usage(ja: "--days は 1〜3650 です。", en: "--days must be 1 to 3650.") }
                guard let data = FileManager.default.contents(atPath: request) else {
                    throw NodeError.noInput(ja: "参加申請を読めません: \(request)", en: "cannot read the join request \(request)")
                }
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (authority, operatorKey) = try files.open()
                let lock = try files.lock()
                defer { lock.release() }
                let parsed: MembershipRequest
                do { parsed = try OperatorFiles.decoder().decode(MembershipRequest.self, from: data) } catch {
                    throw NodeError.data(ja: "参加申請の形式が不正です: \(request)", en: "\(request) is not a join request")
                }
                let verified: MembershipRequest.Verified
                do { verified = try parsed.verified() } catch let e as MembershipError { throw NodeError.data(e.message) }
                let now = Date()
                var start: Date?
                if let day = try InputParsing.date(notBefore, option: "not-before") {
                    start = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400)
                }
                let certificate: X509Certificate
                do {
                    certificate = try authority.issue(verified, role: role, region: region, now: now, validityDays: days, notValidBefore: start)
                } catch let e as MembershipError {
                    throw NodeError.data(e.message)
                }
                // One name per member: a name already issued to another node key is refused (a
                // renewal for the same key is fine).
                if let taken = files.issued().first(where: { $0.name == verified.name && $0.nodeId != verified.nodeID.description }) {
                    throw NodeError.data(
                        ja: "名前「\(taken.name)」は別のノード鍵に発行済みです。node_id を変えて申請し直してください。",
                        en: "the name \"\(taken.name)\" was issued to another node key: ask for a request with another node_id."
                    )
                }
                let member = try MemberCertificate(certificate)
                // The operator's log admits the member and, for a shop, seals the current epoch's
                // blinding key to it (a hub never holds one); the bundle carries the whole log.
                var log = try files.log(operator: operatorKey)
                let signer = try files.signer()
                guard NodeID(publicKey: signer.publicKey) == operatorKey else {
                    throw NodeError.data(ja: "operator.key が federation.json の鍵と一致しません。", en: "operator.key does not match the key in federation.json.")
                }
                let epochKey = try files.currentEpochKey()
                var signed: [LogEntry] = []
                do {
                    signed.append(try log.append(signing: .admit(MemberAdmission(
                        member: verified.nodeID, sealingKey: verified.sealingKey, role: role, name: member.name, region: region
                    )), with: signer))
                    if role == .shop {
                        let sealed = try SealedEpochKey.seal(epochKey, operator: operatorKey, to: [(verified.nodeID, verified.sealingKey)])
                        signed.append(try log.append(signing: .epochKey(sealed), with: signer))
                    }
                } catch {
                    throw NodeError.software(ja: "運営者の記録に追記できません (\(error))。", en: "cannot extend the operator's log (\(error)).")
                }
                let bundle = try JoinBundle(
                    federation: authority.name, root: authority.root, certificate: certificate, operatorKey: operatorKey,
                    operatorLog: log.entries(of: operatorKey).map(\.encoded)
                )
                // The ledger line first: a certificate that is out is always on record.
                try files.record(.init(
                    serial: member.serial, name: member.name, nodeId: member.nodeID.description, role: role.name, region: region,
                    notValidAfter: ISO8601DateFormatter().string(from: member.notValidAfter)
                ))
                try files.appendToLog(signed)
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
