import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation policy --replicas hubs|all`: the operator states the federation's policy.
    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "連合の方針 (他店の記録を持つノード) を決める / Set the federation's policy: which nodes hold other shops' records.",
            discussion: """
            --replicas hubs: 他店の (ぼかした) 記録を持つのはハブだけになり、店舗のノードは自店の報告と運営者の記録だけを持ちます。
            照会はハブを通ります。店舗が持っていた他店の記録はノードが方針を受け取った時点で消去されます。
            --replicas all: すべてのノードが全店の記録を持ちます (版 1〜4 と同じ)。
            記録を --output に書きます。ノード (ハブ) で mibarai node operator-log として取り込むとゴシップで全ノードに届きます。
            --replicas hubs: only hubs hold other shops' (blinded) records; a shop's node holds its own reports and the
            operator's log, and looks up through a hub. Shops erase what they held of other shops when the policy reaches them.
            --replicas all: every node holds every shop's records (as in versions 1 to 4).
            Writes the log to --output; import it at a node (a hub) with mibarai node operator-log.
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Option(help: "hubs または all / hubs or all.") var replicas: String?
        @Option(name: .customLong("daily-quota"), help: "店舗ごとの1日の照会数の上限 (全ハブ合計、0 は無制限) / Identities a shop may look up per day, all hubs together (0: no limit).")
        var dailyQuota: UInt64?
        @Option(help: "店舗ごとの1分あたりの照会数の上限 (ハブごと、0 は無制限) / Identities a shop may look up per minute at one hub (0: no limit).")
        var burst: UInt64?
        @Option(help: "運営者の記録の書き出し先 / Where to write the operator's log for the nodes.") var output: String

        func run() async throws {
            try await NodeError.guarded {
                guard replicas != nil || dailyQuota != nil || burst != nil else {
                    throw NodeError.usage(ja: "--replicas、--daily-quota、--burst のどれかを指定してください。", en: "give --replicas, --daily-quota or --burst.")
                }
                var chosen: ReplicaPolicy?
                if let replicas {
                    guard let r = ReplicaPolicy(name: replicas.trimmingCharacters(in: .whitespaces).lowercased()) else {
                        throw NodeError.usage(ja: "--replicas は hubs か all です。", en: "--replicas is hubs or all.")
                    }
                    chosen = r
                }
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let ((before, policy), _) = try files.updatingLog(output: output) { log in
                    // A policy entry states the whole policy: what is not given keeps its current value.
                    let before = log.policy
                    let policy = before.with(replicas: chosen, dailyQuota: dailyQuota, burst: burst)
                    try files.appendSigned(.policy(policy), to: &log)
                    return (before, policy)
                }
                let replicas = policy.replicas, quota = policy.lookupQuota
                if global.json {
                    struct Out: Encodable { var replicas: String; var dailyQuota: UInt64; var burst: UInt64; var previous: String; var output: String }
                    try global.console.emit(Out(replicas: replicas.name, dailyQuota: quota.daily, burst: quota.burst, previous: before.replicas.name, output: output))
                } else {
                    global.console.say(
                        ja: "連合の方針: replicas = \(replicas.name) (これまで \(before.replicas.name))、照会の上限 1日 \(quota.daily)・1分 \(quota.burst) (0 は無制限)。\(output) をノード (ハブ) で mibarai node operator-log として取り込んでください。",
                        en: "The federation's policy: replicas = \(replicas.name) (was \(before.replicas.name)), lookups at most \(quota.daily) a day and \(quota.burst) a minute (0: no limit). Import \(output) at a node (a hub) with mibarai node operator-log."
                    )
                }
            }
        }
    }
}
