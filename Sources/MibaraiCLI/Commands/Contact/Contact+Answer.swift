import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ContactCommand {
    /// `mibarai contact answer ID --share | --decline`: answer another shop's contact request.
    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "他店からの連絡依頼に回答する / Answer another shop's contact request.",
            discussion: """
            --share: 当店の店名・連絡先と、依頼された報告の被害 (金額・入金・発生日・督促の経過) を送ります。顧客の情報は送りません。
            --decline: 何も共有せずに辞退します。
            --share sends your shop's name and contact and the damage on the record asked about (amount, paid, day,
            the dunning ladder); no customer data. --decline shares nothing.
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "依頼 ID (contact list に出る 32 桁) / The request's id (32 hex digits, from contact list).") var id: String
        @Flag(help: "連絡先と被害を共有する / Share your contact and damage.") var share = false
        @Flag(help: "辞退する / Decline.") var decline = false
        @Option(help: "依頼元の店舗名 (同じ ID の依頼が複数あるとき) / The asking shop's name, when two requests share the id.") var from: String?
        @Option(help: "メッセージ (個人情報は書かない) / A message (no personal data).") var message: String = ""

        func run() async throws {
            try await NodeError.guarded {
                guard share != decline else {
                    throw NodeError.usage(ja: "--share か --decline のどちらか一つを指定してください。", en: "give exactly one of --share and --decline.")
                }
                let (node, console) = try global.openNode()
                let sent = try node.answerContactRequest(id, from: from, answer: share ? .shares : .declines, text: message)
                if global.json {
                    struct Out: Encodable { var id: String; var to: String; var answer: String; var damage: Int }
                    guard case .answer(let a) = sent.message else { return }
                    try console.emit(Out(id: sent.id.description, to: sent.recipientName, answer: a.answer.name, damage: a.damage.count))
                    return
                }
                console.say(ja: "\(sent.recipientName) への回答を封緘しました。起動中のノードが署名して送ります。",
                            en: "Sealed the answer to \(sent.recipientName). The running node signs and sends it.")
                if share, case .answer(let a) = sent.message, a.damage.isEmpty {
                    console.say(ja: "被害は共有していません: 依頼された報告がこのノードにないか、取り下げ済みです (連絡先だけを送ります)。",
                                en: "No damage is shared: the record asked about is not on this node or was withdrawn (your contact only is sent).")
                }
            }
        }
    }
}
