import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation notice`: the joint-use notice every member puts in its privacy policy.
    struct Notice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "共同利用の公表文を作る / Write the joint-use notice members put in their privacy policies.",
            discussion: """
            個人情報保護法の共同利用 (第27条第5項第3号) に必要な事項 (共同利用する旨、項目、利用する者の範囲、
            利用目的、責任者の名称・住所・代表者) を、運営者の記録にある参加者から作ります。各参加者は、参加前に
            自店のプライバシーポリシーに掲載してください。--format html で貼り付け用の HTML。
            Writes what Japanese law requires before members share personal data as joint users (the fact,
            the items, the scope of users, the purpose, the responsible party's name, address and
            representative), with the members the operator's log admits. Each member publishes it in its
            privacy policy before it joins. --format html gives an HTML fragment to paste.
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Option(name: .customLong("responsible-name"), help: "責任者 (通常は運営者) の名称 / The responsible party's name (usually the operator).")
        var responsibleName: String
        @Option(name: .customLong("responsible-address"), help: "責任者の住所 / The responsible party's address.")
        var responsibleAddress: String
        @Option(name: .customLong("representative"), help: "法人の代表者の氏名 / The representative's name, for a corporation.")
        var representative: String?
        @Option(name: .customLong("contact"), help: "ご本人からの請求の窓口 / Where a person sends a request (mail, address, form).")
        var contact: String
        @Option(name: .customLong("format"), help: "text または html / text or html.")
        var format = "text"

        func run() async throws {
            try await NodeError.guarded {
                guard ["text", "html"].contains(format) else {
                    throw NodeError.usage(ja: "--format は text か html です。", en: "--format must be text or html.")
                }
                for (value, option) in [(responsibleName, "responsible-name"), (responsibleAddress, "responsible-address"), (contact, "contact")]
                where value.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw NodeError.usage(ja: "--\(option) が空です。", en: "--\(option) is empty.")
                }
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (authority, operatorKey) = try files.open()
                let log = try files.log(operator: operatorKey)
                let members = log.members.values
                    .filter { log.revocations[$0.member] == nil }
                    .map { JointUseNotice.Member(name: $0.name, role: $0.role.name, region: $0.region) }
                let notice = JointUseNotice(
                    federation: authority.name,
                    responsible: .init(name: responsibleName, address: responsibleAddress, representative: representative, contact: contact),
                    members: members, asOf: Node.todayInJapan()
                )
                let language = global.resolvedLanguage
                print(format == "html" ? notice.html(language) : notice.text(language), terminator: "")
            }
        }
    }
}
