import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ContactCommand {
    /// `mibarai contact request REPORT_ID`: ask the origin of a matched record to get in touch.
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "一致した報告の元の店舗に連絡を依頼する / Ask the shop behind a matched record to get in touch.",
            discussion: """
            報告ID は check や damage の結果に出る ID です。--case を付けると、回答を case evidence --joint にまとめます。
            The report id is the one check and damage show. With --case, the answers go into case evidence --joint.
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "一致した報告の ID (32 桁) / The matched record's id (32 hex digits).") var report: String
        @Option(name: .customLong("case"), help: "この依頼に関わる自店の案件番号 / This shop's case the request is for.") var caseNumber: CaseNumber?
        @Option(help: "メッセージ (個人情報は書かない、1000 バイトまで) / A message (no personal data; at most 1,000 bytes).") var message: String = ""

        struct Out: Encodable {
            var id: String
            var to: String
            var report: String
            var `case`: Int?
        }

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let sent = try node.writeContactRequest(about: report, caseNumber: caseNumber?.value, text: message)
                if global.json {
                    try console.emit(Out(id: sent.id.description, to: sent.recipientName, report: report, case: sent.caseNumber))
                    return
                }
                console.say(
                    ja: "連絡依頼 \(sent.id) を \(sent.recipientName) 宛てに封緘しました。起動中のノード (mibarai serve) が署名して送ります。",
                    en: "Sealed contact request \(sent.id) to \(sent.recipientName). The running node (mibarai serve) signs and sends it."
                )
            }
        }
    }
}
