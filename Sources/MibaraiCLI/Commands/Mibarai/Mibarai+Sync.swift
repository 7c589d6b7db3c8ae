import ArgumentParser
import Foundation
import Logging
import MibaraiCore
import MibaraiNode
import MibaraiServer
import ServiceLifecycle

extension Mibarai {
    /// `mibarai sync`: one exchange with the federation, then out. For a shop that runs no
    /// server: it dials its peers (the hub), takes what it lacks (the operator's log, other shops'
    /// records), signs and hands over its own changes, and stops once a peer has answered that
    /// both hold the same log. It accepts no connection and tells no peer an address.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "連合と一度だけ記録をやりとりする / Exchange records with the federation once, then stop (no server needed).",
            discussion: """
            [federation] peers (または --peer) のノード (ふつうはハブ) に接続し、自店の報告を渡し、ほかの店舗の記録と
            運営者の記録を受け取って終わります。外から接続されることはなく、ポートを開ける必要はありません。
            `mibarai serve` が動いているノードでは使えません (serve が同じことを続けています)。
            Dials the peers of [federation] peers (or --peer), usually the hub, hands over this shop's reports,
            takes the other shops' records and the operator's log, and stops. Nothing connects to it and no
            port needs opening. Refused on a node where `mibarai serve` runs (serve does this all the time).
            Exit 69 when no peer answered in time (--timeout), when the operator's log does not admit the
            node, or when interrupted; what arrived is kept.
            """
        )

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("peer"), help: "接続するノード 名前@ホスト:ポート (繰り返し可) / A node to reach, name@host:port (repeatable; adds to [federation] peers).")
        var peers: [String] = []
        @Option(name: .customLong("timeout"), help: "待つ上限 (秒) / Seconds to wait for a peer at most.")
        var timeout: Double = 60
        @Option(name: .customLong("log-level"), help: "ログの詳しさ / Log level: error, warning, notice, info, debug.")
        var logLevel = "warning"

        func run() async throws {
            try await NodeError.guarded {
                guard timeout > 0, timeout <= 3_600 else {
                    throw NodeError.usage(ja: "--timeout は 0 より大きく 3600 秒までです。", en: "--timeout must be more than 0 and at most 3600 seconds.")
                }
                guard let level = Logger.Level(rawValue: logLevel) else {
                    throw NodeError.usage(ja: "--log-level は error, warning, notice, info, debug のいずれかです。", en: "--log-level must be error, warning, notice, info or debug.")
                }
                let (node, console) = try global.openNode()
                let lock = try node.directory.holdServeLock(for: Localized(ja: "同期する", en: "sync"))
                defer { withExtendedLifetime(lock) {} }
                guard let membership = try FederationMembership.read(node) else {
                    throw NodeError.usage(ja: "連合に参加していません (mibarai node csr → node join)。", en: "not a federation member yet (mibarai node csr, then node join).")
                }
                let peerList = node.configuration.federation.peers + peers
                guard !peerList.isEmpty else {
                    throw NodeError.usage(ja: "接続先がありません: mibarai.toml の [federation] peers か --peer で指定してください。",
                                          en: "no peer to reach: name one in [federation] peers of mibarai.toml or with --peer.")
                }
                try node.purgeExpired()
                // Reports left under an older epoch (a re-blinding cut short) are blinded again.
                try node.reblindIfBehind()
                LoggingSystem.bootstrap(StreamLogHandler.standardError)
                var logger = Logger(label: "mibarai")
                logger.logLevel = level
                // Accepted connections get no share: the loopback listener is never told to anyone.
                let budget = ConnectionBudget(shares: ConnectionShares(api: ConnectionShares.minimumAPI, members: 0, unverified: 0), logger: logger)
                // Rounds every second; an exchange left unanswered is dropped after three, so a
                // late `in_sync` is not taken for the answer to a newer summary.
                let options = FederationMembership.GossipOptions(
                    host: "127.0.0.1", port: 0, peers: peerList, intervalSeconds: 1, advertise: nil,
                    receivedFramesFile: nil, advertisesListener: false, announce: ""
                )
                let (gossipNode, service) = try membership.gossip(node, options: options, screener: nil, budget: budget, logger: logger)
                let before = await gossipNode.syncState()
                let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                let wait = Duration.milliseconds(Int64(timeout * 1_000))
                let outcome: GossipNode.SyncOutcome = try await withThrowingTaskGroup(of: GossipNode.SyncOutcome?.self) { tasks in
                    tasks.addTask {
                        try await group.run()
                        return nil
                    }
                    tasks.addTask {
                        let outcome = await gossipNode.waitUntilSynced(timeout: wait)
                        await group.triggerGracefulShutdown()
                        return outcome
                    }
                    // The group ends first only on a signal (SIGINT, SIGTERM): the wait stops too.
                    var outcome: GossipNode.SyncOutcome = .cancelled
                    for try await r in tasks {
                        if let r { outcome = r } else { tasks.cancelAll() }
                    }
                    return outcome
                }
                // The service has stopped: what it took is written, and applied now for lookups.
                await gossipNode.finishWrites()
                let after = await gossipNode.syncState()
                switch outcome {
                case .synced:
                    break
                case .notAdmitted:
                    throw NodeError.unavailable(
                        ja: "運営者の記録がこのノードの参加を認めていないか、失効させています。運営者に確かめてください。",
                        en: "the operator's log does not admit this node, or has revoked it: ask the operator.")
                case .cancelled:
                    throw NodeError.unavailable(
                        ja: "同期を中断しました。受け取った分は保存してあります。", en: "sync interrupted; what arrived is kept.")
                case .timedOut:
                    throw NodeError.unavailable(
                        ja: "\(Int(timeout)) 秒のうちに同期を終えられませんでした (接続先: \(peerList.joined(separator: ", ")))。受け取った分は保存してあります。ハブに届くか確かめて、もう一度実行してください (初めての同期で記録が多いときは --timeout を長く)。",
                        en: "could not finish syncing within \(Int(timeout)) s (peers: \(peerList.joined(separator: ", "))); what arrived is kept. Check that the hub is reachable and run it again (a first sync of many records may need a longer --timeout)."
                    )
                }
                let sent = after.ownHead - before.ownHead
                let received = after.entryCount - before.entryCount - Int(sent)
                console.say(
                    ja: "同期しました: 自店の記録 \(sent) 件を渡し、\(received) 件を受け取りました。",
                    en: "synced: \(sent) entries of this shop handed over, \(received) received."
                )
            }
        }
    }
}
