import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode
import MibaraiServer
import MibaraiStore

extension Mibarai {
    /// `mibarai audit`: who looked up what, and how much (`Protocol/hub-api.md`, "Audit").
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "照会の記録 / The lookup audit: a shop's own lookups, or every member's totals at a hub.",
            discussion: """
            店舗のノード: 自店がハブに照会した記録 (このノードの記録と、ハブが記録したもの)。
            ハブのノード: 参加者ごと・日ごとの照会数・一致数・上限による拒否 (運営者が見るもの)。
            A shop's node: its own lookups at the hubs (as it recorded them, and as the first hub that answers recorded them).
            A hub's node: every member's lookups per day: identities, those that found a record, refusals over quota.
            """
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "さかのぼる日数 / How many days back.") var days = 7

        struct MemberDay: Encodable { var member: String; var day: String; var requests: Int; var identities: Int; var hits: Int; var refused: Int }
        struct Lookup: Encodable { var at: String; var purpose: String; var identities: Int; var hits: Int; var refused: Bool; var references: Int }
        struct ShopAudit: Encodable { var local: [Lookup]; var hub: String?; var atHub: [Lookup]?; var hubError: String? }

        func run() async throws {
            try await NodeError.guarded {
                guard (1...3_650).contains(days) else { throw NodeError.usage(ja: "--days は 1〜3650 です。", en: "--days must be 1 to 3650.") }
                let (node, console) = try global.openNode()
                guard let membership = try FederationMembership.read(node) else {
                    throw NodeError.usage(ja: "連合に未参加です (mibarai node join)。", en: "this node has not joined a federation (mibarai node join).")
                }
                if membership.me.role == .hub {
                    try hubView(node, console: console, names: membership)
                } else {
                    try await shopView(node, console: console, membership: membership)
                }
            }
        }

        /// Every member's totals per day at this hub, busiest first within a day.
        private func hubView(_ node: Node, console: Console, names membership: FederationMembership) throws {
            let names = try node.memberNames(operator: membership.operatorKey)
            let rows = try node.hubLookupTotals(days: days).map {
                MemberDay(member: names[$0.member] ?? $0.member.short, day: $0.day.description, requests: $0.requests,
                          identities: $0.identities, hits: $0.hits, refused: $0.refused)
            }
            if global.json { return try console.emit(rows) }
            if rows.isEmpty {
                return console.say(ja: "この \(days) 日間の照会はありません。", en: "No lookups in the last \(days) days.")
            }
            console.say(ja: "日付        参加者  照会数 (識別情報) 一致 上限で拒否", en: "day         member  requests identities hits refused")
            for r in rows.sorted(by: { ($0.day, $0.identities) > ($1.day, $1.identities) }) {
                print("\(r.day)  \(r.member)  \(r.requests) \(r.identities) \(r.hits) \(r.refused)")
            }
        }

        /// The shop's own lookups: its check log, and the first hub's record of them.
        private func shopView(_ node: Node, console: Console, membership: FederationMembership) async throws {
            let local = try node.checkLog(days: days).map(Self.lookup)
            var out = ShopAudit(local: local)
            if let client = try membership.hubClient(node) ?? Self.anyHub(node, membership) {
                do throws(HubsUnavailable) {
                    let (hub, answer) = try await client.audit(days: days)
                    out.hub = hub
                    out.atHub = answer.lookups.map {
                        Lookup(at: Self.time($0.at), purpose: $0.purpose, identities: $0.identities, hits: $0.hits, refused: $0.refused,
                               references: $0.references.count)
                    }
                } catch {
                    out.hubError = error.message.text(console.language)
                }
            }
            if global.json { return try console.emit(out) }
            console.say(ja: "このノードの照会の記録 (\(days) 日間): \(local.count) 件", en: "This node's record of its lookups (\(days) days): \(local.count)")
            for l in local { print("  \(l.at)  \(l.purpose)  \(l.identities)  \(l.hits > 0 ? "answered" : "no hub answered")") }
            if let hub = out.hub, let at = out.atHub {
                console.say(ja: "ハブ \(hub) の記録: \(at.count) 件", en: "As hub \(hub) recorded them: \(at.count)")
                for l in at { print("  \(l.at)  \(l.purpose)  \(l.identities)  hits \(l.hits)\(l.refused ? "  refused (quota)" : "")") }
            } else if let e = out.hubError {
                console.say(ja: "ハブの記録を読めません: \(e)", en: "cannot read the hub's record: \(e)")
            }
        }

        /// Under `replicas = all` a shop looks up locally, yet its configured hubs still keep an audit.
        static func anyHub(_ node: Node, _ membership: FederationMembership) throws -> HubClient? {
            let hubs = node.configuration.federation.hubs.compactMap(HubClient.Hub.init)
            guard !hubs.isEmpty, membership.me.role == .shop else { return nil }
            return try HubClient(hubs: hubs, tls: membership.tls(host: "", port: 0), gate: membership.gate)
        }

        static func lookup(_ r: LookupAuditRow) -> Lookup {
            Lookup(at: time(r.at), purpose: r.purpose, identities: r.identities, hits: r.hits, refused: r.refused, references: r.references.count)
        }

        static func time(_ at: Int64) -> String {
            let f = ISO8601DateFormatter()
            f.timeZone = TimeZone(identifier: "Asia/Tokyo")
            return f.string(from: Date(timeIntervalSince1970: TimeInterval(at)))
        }
    }
}
