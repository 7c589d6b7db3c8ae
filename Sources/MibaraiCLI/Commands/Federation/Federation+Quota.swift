import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation quota NAME --daily N --burst N`: one member's lookup quota.
    struct Quota: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "参加者ごとの照会の上限 / Set one member's lookup quota instead of the policy's.",
            discussion: """
            その店舗の照会の上限を、連合の方針 (mibarai federation policy --daily-quota/--burst) の代わりに決めます。0 は無制限。
            記録を --output に書きます。ハブで mibarai node operator-log として取り込んでください。
            Sets this shop's lookup limits instead of the policy's (0: no limit). Writes the log to --output; import it at a hub
            with mibarai node operator-log.
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Argument(help: "参加者の名前 / The member's name.") var name: String
        @Option(help: "1日の上限 (全ハブ合計) / Identities per day, all hubs together.") var daily: UInt64
        @Option(help: "1分あたりの上限 (ハブごと) / Identities per minute at one hub.") var burst: UInt64
        @Option(help: "運営者の記録の書き出し先 / Where to write the operator's log for the nodes.") var output: String

        func run() async throws {
            try await NodeError.guarded {
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                _ = try files.updatingLog(output: output) { log in
                    let member = try OperatorFiles.member(named: name, in: log)
                    let quota = LookupQuota(daily: daily, burst: burst)
                    try files.appendSigned(.quota(QuotaOverride(member: member.member, quota: quota)), to: &log)
                }
                if global.json {
                    struct Out: Encodable { var member: String; var daily: UInt64; var burst: UInt64; var output: String }
                    try global.console.emit(Out(member: name, daily: daily, burst: burst, output: output))
                } else {
                    global.console.say(
                        ja: "\(name) の照会の上限を 1日 \(daily)・1分 \(burst) にしました (0 は無制限)。\(output) をハブで mibarai node operator-log として取り込んでください。",
                        en: "\(name) may now look up \(daily) identities a day and \(burst) a minute (0: no limit). Import \(output) at a hub with mibarai node operator-log."
                    )
                }
            }
        }
    }
}
