import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation suppress`: the operator publishes a verified impersonation victim's tokens.
    struct Suppress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "なりすまし被害者の情報を照合から外す / Suppress a verified impersonation victim's details: matches on them never hold or score.",
            discussion: """
            本人確認を済ませた被害者の電話番号・メールアドレス・住所での氏名 (漢字・フリガナ) を、運営者の持つ全エポックの
            照合鍵でトークンにし、署名した届出として運営者の記録に追記して --output に書きます。値そのものはどこにも
            書かれません (出力は届出の ID のみ)。--stdin で標準入力の JSON から渡すと ps にも表示されません。
            住所だけのトークン (世帯・建物) は対象外です。新しいエポックを始めたら、その鍵のトークンを含めるため届出を
            やり直してください (mibarai federation lift で古い届出を取り消す)。
            Blinds the victim's phone, e-mail and name (kanji, kana) at their address under every epoch key the
            operator holds, appends a signed suppression to the operator's log and writes the log to --output.
            The values are written nowhere (the output is the suppression's id only); --stdin keeps them out of
            the process list. The bare address token (a household, a building) is not suppressed. After a new
            epoch, suppress again so the new key's tokens are covered (and lift the old suppression).
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @OptionGroup var identity: IdentityOptions
        @Option(help: "運営者の記録の書き出し先 / Where to write the operator's log for the nodes.") var output: String

        func run() async throws {
            try await NodeError.guarded {
                let (_, normalized) = try identity.normalizedForOperator()
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (suppression, _) = try files.updatingLog(output: output) { log in
                    let keys = try files.sealedEpochKeys(in: log)
                    let tokens = Suppression.tokens(for: normalized, under: keys)
                    guard !tokens.isEmpty else {
                        throw NodeError.usage(ja: "照合から外せる項目がありません (電話番号・メールアドレス、または住所と氏名・フリガナ)。",
                                              en: "nothing to suppress: give a phone, an e-mail, or a name or kana with the address.")
                    }
                    var id = SuppressionID()
                    while log.usedSuppressionIDs.contains(id) { id = SuppressionID() }
                    let suppression = Suppression(id: id, reason: .impersonation, tokens: tokens)
                    try files.appendSigned(.suppress(suppression), to: &log)
                    return suppression
                }
                let id = suppression.id, tokens = suppression.tokens
                if global.json {
                    struct Out: Encodable { var suppression: String; var epochs: [UInt32]; var tokens: Int; var output: String }
                    try global.console.emit(Out(suppression: id.description, epochs: suppression.epochs, tokens: tokens.count, output: output))
                } else {
                    global.console.say(
                        ja: "なりすまし被害の届出 \(id) を運営者の記録に追記しました (エポック \(suppression.epochs.map(String.init).joined(separator: ", ")))。\(output) をノード (ハブ) で mibarai node operator-log として取り込んでください。",
                        en: "Appended impersonation suppression \(id) to the operator's log (epochs \(suppression.epochs.map(String.init).joined(separator: ", "))). Import \(output) at a node (a hub) with mibarai node operator-log."
                    )
                }
            }
        }

        /// Every field given must normalise (a field that does not would be silently left out of
        /// the suppression); names only count at an address. Errors name the field, never its value.
        static func checkUsable(_ given: Identity, _ n: NormalizedIdentity) throws(NodeError) {
            func blank(_ s: String?) -> Bool { s?.allSatisfy(\.isWhitespace) ?? true }
            if !blank(given.phone) && n.phone == nil {
                throw .data(ja: "電話番号が日本の番号として読めません。", en: "the phone number does not read as a Japanese number.")
            }
            if !blank(given.email) && n.email == nil {
                throw .data(ja: "メールアドレスが読めません。", en: "the e-mail address does not read.")
            }
            if !blank(given.address) && n.address == nil {
                throw .data(ja: "住所が読めません。", en: "the address does not read.")
            }
            if (!blank(given.name) || !blank(given.nameKana)) && n.address == nil {
                throw .usage(ja: "氏名・フリガナは住所と一緒に指定してください (住所での氏名として照合されます)。",
                             en: "a name or kana needs the address: it is matched as the name at that address.")
            }
            if !blank(given.name) && n.name == nil {
                throw .data(ja: "氏名が読めません。", en: "the name does not read.")
            }
            if !blank(given.nameKana) && n.nameKana == nil {
                throw .data(ja: "フリガナが読めません。", en: "the kana does not read.")
            }
        }
    }
}
