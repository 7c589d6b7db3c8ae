import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation epoch`.
    struct Epoch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "照合鍵を更新する (新しいエポック) / Start a new epoch: a new blinding key sealed to every shop.",
            discussion: """
            新しい照合鍵を全参加者 (失効者を除く) の封緘鍵に封じて運営者の記録に追記し、記録を --output に書きます。
            ノード (ハブ) で mibarai node operator-log FILE として取り込むとゴシップで広まり、各ノードは自分の報告を
            新しい鍵でブラインド化し直して公開し直します (古いエポックの公開は取り下げ)。
            Seals a new blinding key to every unrevoked member, appends it to the operator's log and writes the log
            to --output. Imported at a node with mibarai node operator-log, it spreads by gossip; each node blinds
            its reports again under the new key and publishes them again (the old epoch's publications are withdrawn).
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Option(help: "運営者の記録の書き出し先 / Where to write the operator's log for the nodes.") var output: String

        func run() async throws {
            try await NodeError.guarded {
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let ((key, members), log) = try files.updatingLog(output: output) { log in
                    // Shops only: a hub holds other shops' records and never the key that made them
                    // (Protocol/threat-model.md).
                    let members = log.members.values.filter { log.revocations[$0.member] == nil && $0.role == .shop }.sorted { $0.member < $1.member }
                    guard !members.isEmpty else {
                        throw NodeError.data(ja: "店舗の参加者がいません。", en: "the federation has no shop members yet.")
                    }
                    let signer = try files.signer()
                    let key = try files.newEpochKey()
                    var signed: [LogEntry] = []
                    do {
                        // One entry holds at most 512 boxes; a larger federation gets several.
                        var rest = members[...]
                        while !rest.isEmpty {
                            let part = rest.prefix(log.limits.maxEpochKeyBoxes)
                            rest = rest.dropFirst(part.count)
                            let sealed = try SealedEpochKey.seal(key, operator: log.operatorID, to: part.map { ($0.member, $0.sealingKey) })
                            signed.append(try log.append(signing: .epochKey(sealed), with: signer))
                        }
                    } catch {
                        throw NodeError.software(ja: "運営者の記録に追記できません (\(error))。", en: "cannot extend the operator's log (\(error)).")
                    }
                    try files.appendToLog(signed)
                    return (key, members)
                }
                if global.json {
                    struct Out: Encodable { var epoch: UInt32; var members: Int; var output: String }
                    try global.console.emit(Out(epoch: key.epoch, members: members.count, output: output))
                } else {
                    global.console.say(
                        ja: "エポック \(key.epoch) の照合鍵を \(members.count) 店舗に封じました。\(output) をノード (ハブ) で mibarai node operator-log として取り込んでください。",
                        en: "Sealed epoch \(key.epoch)'s blinding key to \(members.count) shops. Import \(output) at a node (a hub) with mibarai node operator-log."
                    )
                    // A suppression holds the tokens of the epochs it was made under: the values
                    // were never kept, so only the victim's details again can cover the new one.
                    let stale = log.suppressions.count
                    if stale > 0 {
                        global.console.say(
                            ja: "注意: なりすまし被害の届出 \(stale) 件は新しいエポックのトークンを含みません。被害者の情報で mibarai federation suppress をやり直し、古い届出を mibarai federation lift で取り消してください。",
                            en: "Note: \(stale) impersonation suppression\(stale == 1 ? "" : "s") in force \(stale == 1 ? "does" : "do") not hold the new epoch's tokens. Run mibarai federation suppress again with each victim's details, then lift the old one with mibarai federation lift."
                        )
                    }
                }
            }
        }
    }
}
